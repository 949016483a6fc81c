package org.syncline.sync.plan;

import org.syncline.sync.state.StateChanges;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of reconciling a job: what to do, as data. Executing it changes the paths; showing it
 * is the preview. A plan made to be executed ({@link Reconciler#reconcile}) holds its actions and
 * the changes to the synchronized state (which the executor's caller owns and closes); a preview
 * plan ({@link Reconciler#preview}) handed its actions to a sink and holds only their totals.
 */
public final class Plan {

    private final String jobId;
    private final List<String> replicaNames;
    private final List<Action> actions;
    private final StateChanges stateChanges;
    private final long scanned;
    private final Map<ActionType, Integer> counts;
    private final long bytesToCopy;
    private final int removals;

    Plan(String jobId, List<String> replicaNames, List<Action> actions, StateChanges stateChanges, long scanned,
         Map<ActionType, Integer> counts, long bytesToCopy, int removals) {
        this.jobId = jobId;
        this.replicaNames = List.copyOf(replicaNames);
        this.actions = Collections.unmodifiableList(actions);
        this.stateChanges = stateChanges;
        this.scanned = scanned;
        this.counts = Collections.unmodifiableMap(counts);
        this.bytesToCopy = bytesToCopy;
        this.removals = removals;
    }

    /** The job. */
    public String jobId() {
        return jobId;
    }

    /** The job's paths as the user knows them, by index. */
    public List<String> replicaNames() {
        return replicaNames;
    }

    /**
     * The actions in the order the reconciler produced them (a folder before its content); empty for
     * a preview plan.
     */
    public List<Action> actions() {
        return actions;
    }

    /**
     * How the synchronized state changes if every action succeeds: the executor withdraws the paths
     * of what failed. Empty for a preview plan.
     */
    public StateChanges stateChanges() {
        return stateChanges;
    }

    /** Entries scanned over all paths. */
    public long scanned() {
        return scanned;
    }

    /** Number of actions of each type (every type present, zero included). */
    public Map<ActionType, Integer> counts() {
        return counts;
    }

    /** Bytes the copies will transfer. */
    public long bytesToCopy() {
        return bytesToCopy;
    }

    /** Number of deletions and archivals: what the mass-delete guard counts. */
    public int removals() {
        return removals;
    }

    /** Number of actions that change something when executed. */
    public long changing() {
        return counts.entrySet().stream().filter(count -> count.getKey().changesSomething())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether executing would change nothing. */
    public boolean changesNothing() {
        return changing() == 0;
    }
}
