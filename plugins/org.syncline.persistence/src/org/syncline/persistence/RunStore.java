package org.syncline.persistence;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.syncline.model.Catalog;
import org.syncline.model.FileAction;
import org.syncline.model.Job;
import org.syncline.model.Run;
import org.syncline.persistence.internal.ReferenceResolver;
import org.syncline.persistence.internal.mappers.RunMapper;

/**
 * Run history and the per-file log of each run. Thread-safe; every call is one transaction. A run
 * is written by the engine executing it: first {@link #start}, then {@link #appendActions} as work
 * proceeds, and {@link #finish} at the end. Start and finish are durable when they return
 * ({@link Durability}): a run killed at any moment after its start shows in the history.
 */
public final class RunStore {

    private final SqlSessionFactory sessions;

    RunStore(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Inserts a new run (its job must be saved) with the actions it already holds; sets its id. */
    public void start(Run run) {
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH)) {
            RunMapper mapper = session.getMapper(RunMapper.class);
            mapper.insert(run);
            session.flushStatements();
            run.getActions().forEach(action -> mapper.insertAction(run.getId(), action));
            session.commit();
            Durability.force(session, "The start of a run");
        } catch (PersistenceException e) {
            run.setId(0);
            throw CatalogStore.failure("The run of job '" + run.getJob().getName() + "' could not be recorded", e);
        }
    }

    /** Writes the run's outcome, counters and message. */
    public void finish(Run run) {
        try (SqlSession session = sessions.openSession()) {
            session.getMapper(RunMapper.class).update(run);
            session.commit();
            Durability.force(session, "The result of a run");
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The result of a run could not be recorded", e);
        }
    }

    /** Writes {@code actions} to the run's log in one batch, and adds them to {@code run}. */
    public void appendActions(Run run, Collection<FileAction> actions) {
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH)) {
            RunMapper mapper = session.getMapper(RunMapper.class);
            actions.forEach(action -> mapper.insertAction(run.getId(), action));
            session.commit();
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The file log of a run could not be recorded", e);
        }
        run.getActions().addAll(actions);
    }

    /**
     * The latest {@code limit} runs of {@code job}, newest first, without their actions. Their job
     * and scheduler are the objects of {@code catalog}.
     */
    public List<Run> recentRuns(Catalog catalog, Job job, int limit) {
        return resolved(catalog, mapper -> mapper.selectRecent(job.getId(), limit));
    }

    /**
     * The latest {@code limit} runs of every job, newest first (by id), without their actions. Their
     * job and scheduler are the objects of {@code catalog}.
     */
    public List<Run> recentRuns(Catalog catalog, int limit) {
        return resolved(catalog, mapper -> mapper.selectRecentOfAll(limit));
    }

    /** The runs {@code query} selects, their job and scheduler resolved to the objects of {@code catalog}. */
    private List<Run> resolved(Catalog catalog, Function<RunMapper, List<Run>> query) {
        try (SqlSession session = sessions.openSession()) {
            List<Run> runs = query.apply(session.getMapper(RunMapper.class));
            ReferenceResolver resolver = new ReferenceResolver().addTargets(catalog);
            runs.forEach(resolver::resolve);
            return runs;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The run history could not be loaded", e);
        }
    }

    /**
     * The run {@code id} without its actions, its job and scheduler the objects of {@code catalog};
     * empty when there is no such run (never recorded, or deleted with its job).
     */
    public Optional<Run> findRun(Catalog catalog, long id) {
        try (SqlSession session = sessions.openSession()) {
            Run run = session.getMapper(RunMapper.class).selectRun(id);
            if (run != null) {
                new ReferenceResolver().addTargets(catalog).resolve(run);
            }
            return Optional.ofNullable(run);
        } catch (PersistenceException e) {
            throw CatalogStore.failure("Run " + id + " could not be loaded", e);
        }
    }

    /**
     * Whether {@code run} is the newest run of its job still marked running: of a job's runs only
     * that one can be going on, since a run holds its job while it lasts; older ones were cut off.
     */
    public boolean isLatestRunning(Run run) {
        try (SqlSession session = sessions.openSession()) {
            Long latest = session.getMapper(RunMapper.class).selectLatestRunning(run.getJob().getId());
            return latest != null && latest == run.getId();
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The run history could not be loaded", e);
        }
    }

    /**
     * Deletes the runs of {@code job} that started before {@code before}, with their file logs,
     * except {@code keep} (the run deleting them, which holds the job, so no other of its runs is
     * going on).
     *
     * @return how many runs were deleted
     */
    public int deleteRunsStartedBefore(Job job, Instant before, Run keep) {
        try (SqlSession session = sessions.openSession()) {
            int deleted = session.getMapper(RunMapper.class).deleteStartedBefore(job.getId(), before, keep.getId());
            session.commit();
            return deleted;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The run history of job '" + job.getName() + "' could not be trimmed", e);
        }
    }

    /**
     * Sets the counters of {@code run} (files copied, deleted, archived and moved, conflicts, errors, bytes)
     * from its file log: for a run that has not finished, whose row has no totals yet. The log is
     * written in batches, so the last actions of a run cut off may be missing.
     */
    public void countLogged(Run run) {
        try (SqlSession session = sessions.openSession()) {
            Run totals = session.getMapper(RunMapper.class).selectLoggedTotals(run.getId());
            if (totals != null) {
                run.setFilesCopied(totals.getFilesCopied());
                run.setFilesDeleted(totals.getFilesDeleted());
                run.setFilesArchived(totals.getFilesArchived());
                run.setFilesMoved(totals.getFilesMoved());
                run.setConflicts(totals.getConflicts());
                run.setErrors(totals.getErrors());
                run.setBytesTransferred(totals.getBytesTransferred());
            }
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The file log of run " + run.getId() + " could not be counted", e);
        }
    }

    /**
     * Hands the file log of run {@code runId} to {@code each} in the order it was written, reading
     * it while it is handed over (a run may have logged millions of files, which are not held in
     * memory). With {@code problemsOnly}, only the actions that did not end as done: failures,
     * warnings, conflicts and what was left alone.
     */
    public void forEachAction(long runId, boolean problemsOnly, Consumer<FileAction> each) {
        try (SqlSession session = sessions.openSession();
             Cursor<FileAction> actions = session.getMapper(RunMapper.class).streamActions(runId, problemsOnly)) {
            actions.forEach(each);
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The file log of run " + runId + " could not be loaded", e);
        } catch (IOException e) {
            throw CatalogStore.failure("The file log of run " + runId + " could not be loaded", new PersistenceException(e));
        }
    }

    /** Replaces the run's actions in memory with its log from the database. */
    public void loadActions(Run run) {
        try (SqlSession session = sessions.openSession()) {
            List<FileAction> actions = session.getMapper(RunMapper.class).selectActions(run.getId());
            run.getActions().clear();
            run.getActions().addAll(actions);
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The file log of a run could not be loaded", e);
        }
    }
}
