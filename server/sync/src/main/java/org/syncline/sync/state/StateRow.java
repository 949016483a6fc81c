package org.syncline.sync.state;

import java.util.Arrays;

/**
 * One relative path of a job's last synchronized state, across the job's replicas.
 *
 * @param path   relative path (see {@link org.syncline.sync.replica.RelativePath})
 * @param states what each replica held there, by its index in the job's order; {@code null} where a
 *               replica has no state for the path. The array belongs to the row; do not modify it.
 */
public record StateRow(String path, ReplicaState[] states) {

    /** The state on replica {@code replica}, or {@code null}. */
    public ReplicaState state(int replica) {
        return states[replica];
    }

    /** Whether no replica has a state for the path. */
    public boolean isEmpty() {
        return Arrays.stream(states).allMatch(state -> state == null);
    }
}
