package org.syncline.persistence.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.ibatis.session.SqlSession;
import org.syncline.model.Entity;
import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.Machine;
import org.syncline.model.ManagedObject;
import org.syncline.model.RealTimeMonitor;
import org.syncline.model.Schedule;
import org.syncline.model.Scheduler;
import org.syncline.model.User;
import org.syncline.persistence.ConcurrentChangeException;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.internal.mappers.JobMapper;
import org.syncline.persistence.internal.mappers.MachineMapper;
import org.syncline.persistence.internal.mappers.MonitorMapper;
import org.syncline.persistence.internal.mappers.PermissionMapper;
import org.syncline.persistence.internal.mappers.ScheduleMapper;
import org.syncline.persistence.internal.mappers.SchedulerMapper;
import org.syncline.persistence.internal.mappers.UserMapper;

/**
 * Writes one configuration object with its parts inside the caller's transaction, checking its
 * version: an update or delete based on an older version than the database's is refused with
 * {@link ConcurrentChangeException}.
 *
 * <p>Ids assigned during the write are recorded; if the transaction is rolled back the caller
 * calls {@link #undo()} so the objects in memory look as before. Not thread-safe: one writer per save.
 */
public final class CatalogWriter {

    private final SqlSession session;
    private final List<Runnable> undo = new ArrayList<>();

    public CatalogWriter(SqlSession session) {
        this.session = session;
    }

    /** Inserts or updates {@code entity}; returns its new version, to be set once the transaction commits. */
    public long save(Entity entity) {
        return switch (entity) {
            case Machine machine -> saveMachine(machine);
            case Job job -> saveJob(job);
            case Schedule schedule -> saveSchedule(schedule);
            case RealTimeMonitor monitor -> saveMonitor(monitor);
            case Scheduler scheduler -> saveVersioned(scheduler, session.getMapper(SchedulerMapper.class)::insert,
                    session.getMapper(SchedulerMapper.class)::update, session.getMapper(SchedulerMapper.class)::selectVersion);
            case User user -> saveVersioned(user, session.getMapper(UserMapper.class)::insert,
                    session.getMapper(UserMapper.class)::update, session.getMapper(UserMapper.class)::selectVersion);
            default -> throw new IllegalArgumentException("Cannot save a " + entity.eClass().getName() + " this way.");
        };
    }

    /** Deletes {@code entity} if its version is still the database's. */
    public void delete(Entity entity) {
        int deleted = switch (entity) {
            case Machine machine -> session.getMapper(MachineMapper.class).delete(machine.getId(), machine.getVersion());
            case Job job -> session.getMapper(JobMapper.class).delete(job.getId(), job.getVersion());
            case Schedule schedule -> session.getMapper(ScheduleMapper.class).delete(schedule.getId(), schedule.getVersion());
            case RealTimeMonitor monitor -> session.getMapper(MonitorMapper.class).delete(monitor.getId(), monitor.getVersion());
            case Scheduler scheduler -> session.getMapper(SchedulerMapper.class).delete(scheduler.getId(), scheduler.getVersion());
            case User user -> session.getMapper(UserMapper.class).delete(user.getId(), user.getVersion());
            default -> throw new IllegalArgumentException("Cannot delete a " + entity.eClass().getName() + " this way.");
        };
        if (deleted == 0) {
            throw conflict(entity, currentVersion(entity));
        }
        if (entity instanceof ManagedObject managed) {
            session.getMapper(PermissionMapper.class).deleteFor(kind(managed), managed.getId());
        }
    }

    /** Restores the ids of objects that were inserted by a write that was then rolled back. */
    public void undo() {
        undo.forEach(Runnable::run);
        undo.clear();
    }

    private long saveMachine(Machine machine) {
        MachineMapper mapper = session.getMapper(MachineMapper.class);
        long version = saveVersioned(machine, mapper::insert, mapper::update, mapper::selectVersion);
        mapper.deleteConnections(machine.getId());
        for (int i = 0; i < machine.getConnections().size(); i++) {
            mapper.insertConnection(machine.getId(), i, machine.getConnections().get(i));
        }
        savePermissions(machine);
        return version;
    }

    private long saveJob(Job job) {
        if (job.getOptions() == null) {
            throw new DatabaseException(Names.of(job) + " has no options and cannot be saved.");
        }
        for (JobPath path : job.getPaths()) {
            if (path.getMachine() != null) {
                requireSaved(path.getMachine(), job);
            }
        }
        JobMapper mapper = session.getMapper(JobMapper.class);
        long version = saveVersioned(job, mapper::insert, mapper::update, mapper::selectVersion);
        Set<Long> kept = new HashSet<>();
        for (int i = 0; i < job.getPaths().size(); i++) {
            JobPath path = job.getPaths().get(i);
            if (path.getId() != 0 && mapper.updatePath(job.getId(), i, path) == 1) {
                kept.add(path.getId());
            } else {
                long previousId = path.getId();
                mapper.insertPath(job.getId(), i, path);
                undo.add(() -> path.setId(previousId));
                kept.add(path.getId());
            }
        }
        for (long pathId : mapper.selectPathIds(job.getId())) {
            if (!kept.contains(pathId)) {
                mapper.deletePath(pathId);
            }
        }
        savePermissions(job);
        return version;
    }

    private long saveSchedule(Schedule schedule) {
        if (schedule.getPreferredScheduler() != null) {
            requireSaved(schedule.getPreferredScheduler(), schedule);
        }
        schedule.getJobs().forEach(job -> requireSaved(job, schedule));
        ScheduleMapper mapper = session.getMapper(ScheduleMapper.class);
        long version = saveVersioned(schedule, mapper::insert, mapper::update, mapper::selectVersion);
        mapper.deleteJobs(schedule.getId());
        for (int i = 0; i < schedule.getJobs().size(); i++) {
            mapper.insertJob(schedule.getId(), i, schedule.getJobs().get(i).getId());
        }
        savePermissions(schedule);
        return version;
    }

    private long saveMonitor(RealTimeMonitor monitor) {
        if (monitor.getJob() != null) {
            requireSaved(monitor.getJob(), monitor);
        }
        if (monitor.getPreferredScheduler() != null) {
            requireSaved(monitor.getPreferredScheduler(), monitor);
        }
        MonitorMapper mapper = session.getMapper(MonitorMapper.class);
        long version = saveVersioned(monitor, mapper::insert, mapper::update, mapper::selectVersion);
        savePermissions(monitor);
        return version;
    }

    private interface Insert<T> {
        void insert(T entity);
    }

    private interface Update<T> {
        int update(T entity);
    }

    private <T extends Entity> long saveVersioned(T entity, Insert<T> insert, Update<T> update, ToLongFunctionOrNull versions) {
        if (entity.getId() == 0) {
            insert.insert(entity);
            undo.add(() -> entity.setId(0));
            return 1;
        }
        if (update.update(entity) == 0) {
            throw conflict(entity, versions.apply(entity.getId()));
        }
        return entity.getVersion() + 1;
    }

    /** A mapper's selectVersion: the current version, or {@code null} when the row is gone. */
    private interface ToLongFunctionOrNull {
        Long apply(long id);
    }

    private void savePermissions(ManagedObject object) {
        PermissionMapper mapper = session.getMapper(PermissionMapper.class);
        String kind = kind(object);
        mapper.deleteFor(kind, object.getId());
        for (int i = 0; i < object.getPermissions().size(); i++) {
            var permission = object.getPermissions().get(i);
            if (permission.getUser() == null || permission.getUser().getId() == 0) {
                throw new DatabaseException("A permission of " + Names.of(object) + " names a user who is not saved yet.");
            }
            mapper.insert(kind, object.getId(), i, permission);
        }
    }

    private static void requireSaved(Entity referenced, Entity owner) {
        if (referenced.getId() == 0) {
            String what = Names.of(referenced);
            throw new DatabaseException("Save " + Character.toLowerCase(what.charAt(0)) + what.substring(1) + " before "
                    + Character.toLowerCase(Names.of(owner).charAt(0)) + Names.of(owner).substring(1) + ", which uses it.");
        }
    }

    private Long currentVersion(Entity entity) {
        return switch (entity) {
            case Machine m -> session.getMapper(MachineMapper.class).selectVersion(m.getId());
            case Job j -> session.getMapper(JobMapper.class).selectVersion(j.getId());
            case Schedule s -> session.getMapper(ScheduleMapper.class).selectVersion(s.getId());
            case RealTimeMonitor m -> session.getMapper(MonitorMapper.class).selectVersion(m.getId());
            case Scheduler s -> session.getMapper(SchedulerMapper.class).selectVersion(s.getId());
            case User u -> session.getMapper(UserMapper.class).selectVersion(u.getId());
            default -> null;
        };
    }

    private static ConcurrentChangeException conflict(Entity entity, Long currentVersion) {
        String what = Names.of(entity);
        if (currentVersion == null) {
            return new ConcurrentChangeException(what + " was deleted by someone else since you opened it. Your changes were not saved.");
        }
        return new ConcurrentChangeException(what + " was changed by someone else since you opened it. Your changes were not saved: "
                + "reload it and make them again.");
    }

    static String kind(ManagedObject object) {
        return switch (object) {
            case RealTimeMonitor monitor -> "MONITOR";
            default -> object.eClass().getName().toUpperCase(Locale.ROOT);
        };
    }
}
