package org.syncline.sync.state;

import java.util.HashMap;
import java.util.Map;

/** A {@link SyncStateStore} in memory, for tests. Saved states are copied. Thread-safe. */
public final class MemorySyncStateStore implements SyncStateStore {

    private final Map<String, SyncState> states = new HashMap<>();

    @Override
    public synchronized SyncState load(String jobId) {
        return copy(states.getOrDefault(jobId, new SyncState()));
    }

    @Override
    public synchronized void save(String jobId, SyncState state) {
        states.put(jobId, copy(state));
    }

    private static SyncState copy(SyncState state) {
        SyncState copy = new SyncState();
        for (String replica : state.replicaIds()) {
            state.entries(replica).forEach((path, entry) -> copy.put(replica, path, entry));
        }
        return copy;
    }
}
