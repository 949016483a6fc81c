package org.syncline.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.syncline.model.Catalog;
import org.syncline.model.Entity;
import org.syncline.model.Job;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.internal.CatalogWriter;
import org.syncline.persistence.internal.Names;
import org.syncline.persistence.internal.ReferenceResolver;
import org.syncline.persistence.internal.mappers.JobMapper;
import org.syncline.persistence.internal.mappers.JobPathRow;
import org.syncline.persistence.internal.mappers.MachineMapper;
import org.syncline.persistence.internal.mappers.MonitorMapper;
import org.syncline.persistence.internal.mappers.ScheduleMapper;
import org.syncline.persistence.internal.mappers.SchedulerMapper;
import org.syncline.persistence.internal.mappers.UserMapper;

/**
 * Loads and saves the configuration: machines, jobs, schedules, real-time monitors, schedulers and
 * users. Thread-safe; every call is one transaction.
 *
 * <p>Saves are optimistic: each object carries the version it was loaded with, and a save or
 * delete based on an older version fails with {@link ConcurrentChangeException} and writes
 * nothing. On success the object's id (for new objects) and version are updated in memory.
 */
public final class CatalogStore {

    private final SqlSessionFactory sessions;

    CatalogStore(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Loads every configuration object into a new catalog, with all references between them connected. */
    public Catalog load() {
        try (SqlSession session = sessions.openSession()) {
            Catalog catalog = SynclineFactory.eINSTANCE.createCatalog();
            catalog.getUsers().addAll(session.getMapper(UserMapper.class).selectAll());
            catalog.getSchedulers().addAll(session.getMapper(SchedulerMapper.class).selectAll());
            catalog.getMachines().addAll(session.getMapper(MachineMapper.class).selectAll());
            catalog.getJobs().addAll(session.getMapper(JobMapper.class).selectAll());
            catalog.getSchedules().addAll(session.getMapper(ScheduleMapper.class).selectAll());
            catalog.getMonitors().addAll(session.getMapper(MonitorMapper.class).selectAll());
            new ReferenceResolver().addTargets(catalog).resolve(catalog);
            return catalog;
        } catch (PersistenceException e) {
            throw failure("The configuration could not be loaded", e);
        }
    }

    /**
     * Loads the (oldest) job named {@code name} into a new catalog holding it, the machines and the
     * users (what a job refers to), without the other jobs, schedules, monitors and schedulers: a
     * command running one job reads a few rows, not the whole configuration. The job can be
     * changed and {@link #save saved} as one loaded by {@link #load()}.
     *
     * @return the job, contained in its catalog; empty when there is no job of that name
     */
    public Optional<Job> loadJob(String name) {
        try (SqlSession session = sessions.openSession()) {
            List<Job> jobs = session.getMapper(JobMapper.class).selectByName(name);
            if (jobs.isEmpty()) {
                return Optional.empty();
            }
            Catalog catalog = SynclineFactory.eINSTANCE.createCatalog();
            catalog.getUsers().addAll(session.getMapper(UserMapper.class).selectAll());
            catalog.getMachines().addAll(session.getMapper(MachineMapper.class).selectAll());
            catalog.getJobs().add(jobs.get(0));
            new ReferenceResolver().addTargets(catalog).resolve(catalog);
            return Optional.of(jobs.get(0));
        } catch (PersistenceException e) {
            throw failure("The job '" + name + "' could not be loaded", e);
        }
    }

    /** Where every saved job works ({@link JobOutline}), in the order the jobs were created. */
    public List<JobOutline> loadOutlines() {
        try (SqlSession session = sessions.openSession()) {
            List<JobOutline> outlines = new ArrayList<>();
            List<String> folders = new ArrayList<>();
            JobPathRow job = null;
            for (JobPathRow row : session.getMapper(JobMapper.class).selectOutlines()) {
                if (job != null && job.jobId() != row.jobId()) {
                    outlines.add(outline(job, folders));
                    folders.clear();
                }
                job = row;
                folders.add(row.machineId() == null ? row.folder() : null);
            }
            if (job != null) {
                outlines.add(outline(job, folders));
            }
            return outlines;
        } catch (PersistenceException e) {
            throw failure("The jobs' folders could not be loaded", e);
        }
    }

    private static JobOutline outline(JobPathRow job, List<String> folders) {
        return new JobOutline(job.name(), job.rule(), job.subfolderMasks(), Boolean.TRUE.equals(job.ignoreCase()), folders);
    }

    /**
     * Inserts or updates {@code entity} (a machine, job, schedule, monitor, scheduler or user) with
     * its parts. Objects it refers to must have been saved before.
     *
     * @throws ConcurrentChangeException when someone else changed or deleted it since it was loaded
     */
    public void save(Entity entity) {
        try (SqlSession session = sessions.openSession()) {
            CatalogWriter writer = new CatalogWriter(session);
            try {
                long version = writer.save(entity);
                session.commit();
                entity.setVersion(version);
            } catch (RuntimeException e) {
                session.rollback();
                writer.undo();
                throw e;
            }
        } catch (PersistenceException e) {
            throw failure(Names.of(entity) + " could not be saved", e);
        }
    }

    /**
     * Deletes {@code entity}.
     *
     * @throws ConcurrentChangeException when someone else changed or deleted it since it was loaded
     * @throws DatabaseException when other objects still use it, e.g. a schedule running the job
     */
    public void delete(Entity entity) {
        try (SqlSession session = sessions.openSession()) {
            new CatalogWriter(session).delete(entity);
            session.commit();
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                throw new DatabaseException(Names.of(entity) + " is still used by other objects (a job path, schedule or monitor): "
                        + "remove it there first.", e);
            }
            throw failure(Names.of(entity) + " could not be deleted", e);
        }
    }

    static DatabaseException failure(String what, PersistenceException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new DatabaseException(what + ": " + cause.getMessage(), e);
    }

    static boolean isConstraintViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
