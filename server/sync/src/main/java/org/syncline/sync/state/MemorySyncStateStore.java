package org.syncline.sync.state;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link SyncStateStore} in memory, for tests. Thread-safe. */
public final class MemorySyncStateStore implements SyncStateStore {

    private final Map<String, SyncState> states = new HashMap<>();

    /** A copy of the saved state of a job (empty if it never ran). */
    public synchronized SyncState load(String jobId) {
        return states.getOrDefault(jobId, new SyncState()).copy();
    }

    @Override
    public synchronized SavedState read(String jobId, List<String> replicaIds) {
        return load(jobId).read(replicaIds);
    }

    @Override
    public synchronized void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        SyncState next = load(jobId);
        next.apply(replicaIds, changes);
        states.put(jobId, next);
    }
}
