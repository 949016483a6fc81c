package org.syncline.sync.plan;

import org.syncline.sync.state.SyncState;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of reconciling a job: what to do, as data. Executing it changes the paths; showing it
 * is the preview. Immutable except for the two states, which the executor's caller owns.
 *
 * @param jobId        the job
 * @param replicaNames the job's paths as the user knows them, by index
 * @param actions      in the order the reconciler produced them (a folder before its content)
 * @param baseState    the state the plan was made against
 * @param newState     the state to save if every action succeeds
 * @param scanned      entries scanned over all paths
 */
public record Plan(String jobId, List<String> replicaNames, List<Action> actions, SyncState baseState,
                   SyncState newState, long scanned) {

    /** Number of actions of each type. */
    public Map<ActionType, Integer> counts() {
        Map<ActionType, Integer> counts = new EnumMap<>(ActionType.class);
        for (ActionType type : ActionType.values()) {
            counts.put(type, 0);
        }
        for (Action action : actions) {
            counts.merge(action.type(), 1, Integer::sum);
        }
        return counts;
    }

    /** Bytes the copies will transfer. */
    public long bytesToCopy() {
        return actions.stream().mapToLong(Action::bytes).sum();
    }

    /** Number of deletions and archivals: what the mass-delete guard counts. */
    public int removals() {
        return (int) actions.stream().filter(Action::removes).count();
    }

    /** Whether executing would change nothing. */
    public boolean changesNothing() {
        return actions.stream().noneMatch(a -> a.type().changesSomething());
    }
}
