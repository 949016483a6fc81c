package org.syncline.sync.state;

import org.syncline.sync.replica.RelativePath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A job's synchronized state held in memory: for each replica (by
 * {@link org.syncline.sync.replica.Replica#id()}), for each relative path, a {@link ReplicaState}.
 * For tests and small stores only: the sync core itself streams the state ({@link SavedState},
 * {@link StateChanges}). Mutable and not thread-safe.
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

    /** Whether nothing is recorded. */
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

    /** This state as a store reads it: the rows of the given replicas, in order. */
    public SavedState read(List<String> replicaIds) {
        TreeSet<String> paths = new TreeSet<>(RelativePath.ORDER);
        for (String id : replicaIds) {
            paths.addAll(entries(id).keySet());
        }
        List<StateRow> rows = new ArrayList<>(paths.size());
        for (String path : paths) {
            ReplicaState[] states = new ReplicaState[replicaIds.size()];
            for (int i = 0; i < states.length; i++) {
                states[i] = get(replicaIds.get(i), path);
            }
            rows.add(new StateRow(path, states));
        }
        return SavedState.of(rows);
    }

    /** Applies a run's changes to the given replicas' entries and forgets every other replica. */
    public void apply(List<String> replicaIds, StateChanges changes) throws IOException {
        byReplica.keySet().retainAll(Set.copyOf(replicaIds));
        try (StateChanges.Reader reader = changes.open()) {
            while (reader.hasNext()) {
                StateChanges.Change change = reader.next();
                for (int i = 0; i < replicaIds.size(); i++) {
                    put(replicaIds.get(i), change.path(), change.after()[i]);
                }
            }
        }
    }

    /** A deep copy. */
    public SyncState copy() {
        SyncState copy = new SyncState();
        byReplica.forEach((id, entries) -> copy.byReplica.put(id, new HashMap<>(entries)));
        return copy;
    }
}
