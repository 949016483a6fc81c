package org.syncline.sync.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last synchronized state of a job: for each replica (by {@link org.syncline.sync.replica.Replica#id()}),
 * for each relative path, a {@link ReplicaState}. Mutable and not thread-safe; one run owns it.
 */
public final class SyncState {

    private final Map<String, Map<String, ReplicaState>> byReplica = new HashMap<>();

    /** The state of {@code path} on a replica, or {@code null}. */
    public ReplicaState get(String replicaId, String path) {
        Map<String, ReplicaState> entries = byReplica.get(replicaId);
        return entries == null ? null : entries.get(path);
    }

    /** Records or, with {@code null}, forgets the state of {@code path} on a replica. */
    public void put(String replicaId, String path, ReplicaState state) {
        if (state == null) {
            Map<String, ReplicaState> entries = byReplica.get(replicaId);
            if (entries != null) {
                entries.remove(path);
            }
        } else {
            byReplica.computeIfAbsent(replicaId, id -> new HashMap<>()).put(path, state);
        }
    }

    /** Whether nothing was ever recorded: the job's first run. */
    public boolean isEmpty() {
        return byReplica.values().stream().allMatch(Map::isEmpty);
    }

    public Set<String> replicaIds() {
        return Collections.unmodifiableSet(byReplica.keySet());
    }

    /** Read-only view of one replica's entries. */
    public Map<String, ReplicaState> entries(String replicaId) {
        return Collections.unmodifiableMap(byReplica.getOrDefault(replicaId, Map.of()));
    }

    /** Number of recorded paths over all replicas. */
    public int size() {
        return byReplica.values().stream().mapToInt(Map::size).sum();
    }
}
