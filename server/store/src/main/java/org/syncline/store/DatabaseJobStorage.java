package org.syncline.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.syncline.model.Job;
import org.syncline.persistence.RunFence;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.state.JobStorage;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.SyncStateStore;

/**
 * One sync core job's state and run history in an open {@link SynclineDatabase}, under the model
 * Job of the same name (see {@link DatabaseJobCatalog}).
 */
public final class DatabaseJobStorage implements JobStorage {

    private final SynclineDatabase database;
    private final Job job;
    private final DatabaseSyncStateStore states;
    private final DatabaseRunLog runLog;

    private DatabaseJobStorage(SynclineDatabase database, Job job, DatabaseSyncStateStore states, DatabaseRunLog runLog) {
        this.database = database;
        this.job = job;
        this.states = states;
        this.runLog = runLog;
    }

    /**
     * Binds the ports to a saved Job row.
     *
     * @param replicaIds the ids of the job's replicas, in the order of the row's paths
     * @param fence the claim of the run that saves the state, or {@code null} for none
     * @param cache where the saved states are kept between runs, or {@code null} for none
     */
    static DatabaseJobStorage of(SynclineDatabase database, Job row, List<String> replicaIds, RunFence fence, int historyDays,
                                 SavedStateCache cache) {
        Map<String, org.syncline.model.JobPath> paths = new HashMap<>();
        for (int i = 0; i < replicaIds.size(); i++) {
            paths.put(replicaIds.get(i), row.getPaths().get(i));
        }
        return new DatabaseJobStorage(database, row, new DatabaseSyncStateStore(database.replicaStates(), paths, fence, cache),
                new DatabaseRunLog(database.runs(), row, historyDays));
    }

    /** The saved model Job the runs and states belong to. */
    public Job job() {
        return job;
    }

    @Override
    public SyncStateStore stateStore() {
        return states;
    }

    @Override
    public RunLog runLog() {
        return runLog;
    }

    @Override
    public String description() {
        return database.profile().toString();
    }

    /** Nothing to release: the database keeps no connections open between calls. */
    @Override
    public void close() {
    }
}
