package org.syncline.persistence;

import java.util.Collection;
import java.util.List;

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
 * proceeds, and {@link #finish} at the end.
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
        try (SqlSession session = sessions.openSession()) {
            List<Run> runs = session.getMapper(RunMapper.class).selectRecent(job.getId(), limit);
            ReferenceResolver resolver = new ReferenceResolver().addTargets(catalog);
            runs.forEach(resolver::resolve);
            return runs;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The run history could not be loaded", e);
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
