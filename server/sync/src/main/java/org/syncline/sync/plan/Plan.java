package org.syncline.sync.plan;

import org.syncline.sync.spill.Spill;
import org.syncline.sync.state.StateChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The result of reconciling a job: what to do, as data. Executing it changes the paths; showing it
 * is the preview. A plan made to be executed ({@link Reconciler#reconcile}) holds its actions (in
 * memory up to a few thousand, beyond that in a temporary file) and the changes to the
 * synchronized state; whoever executes it closes it, which deletes both temporary files. A
 * preview plan ({@link Reconciler#preview}) handed its actions to a sink and holds only their
 * totals. Not thread-safe.
 */
public final class Plan implements AutoCloseable {

    /** Actions of a plan to execute kept in memory before they go to its temporary file. */
    static final int MEMORY_ACTIONS = 4096;

    private final String jobId;
    private final List<String> replicaNames;
    private final Spill<Action> actions;
    private final StateChanges stateChanges;
    private final long scanned;
    private final Map<ActionType, Integer> counts;
    private final long bytesToCopy;
    private final int removals;
    private final int likelyMoves;
    private final Map<Integer, Long> emptied;
    private boolean closed;

    Plan(String jobId, List<String> replicaNames, Spill<Action> actions, StateChanges stateChanges, long scanned,
         Map<ActionType, Integer> counts, long bytesToCopy, int removals, int likelyMoves,
         Map<Integer, Long> emptied) {
        this.jobId = jobId;
        this.replicaNames = List.copyOf(replicaNames);
        this.actions = actions;
        this.stateChanges = stateChanges;
        this.scanned = scanned;
        this.counts = Collections.unmodifiableMap(counts);
        this.bytesToCopy = bytesToCopy;
        this.removals = removals;
        this.likelyMoves = likelyMoves;
        this.emptied = Collections.unmodifiableMap(emptied);
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
     * Reads the actions in the order the reconciler produced them (a folder before its content), one
     * pass per reader; a preview plan has none.
     *
     * @throws IllegalStateException if the plan was closed
     */
    public Spill.Reader<Action> openActions() throws IOException {
        if (closed) {
            throw new IllegalStateException("the plan of job " + jobId + " was closed; its actions are gone");
        }
        return actions.open();
    }

    /**
     * All actions in one list, in plan order: for small plans and tests, since it holds every
     * action in memory. Executing streams them with {@link #openActions()}.
     *
     * @throws IllegalStateException if the plan was closed
     */
    public List<Action> actions() {
        List<Action> all = new ArrayList<>();
        try (Spill.Reader<Action> reader = openActions()) {
            reader.forEachRemaining(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(all);
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

    /** Number of actions. */
    public long size() {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Bytes the copies will transfer. */
    public long bytesToCopy() {
        return bytesToCopy;
    }

    /** Number of deletions and archivals. */
    public int removals() {
        return removals;
    }

    /**
     * Number of the removals that are likely moves: a file removed from a path while a new file of
     * the same size and time is copied to it (a moved or renamed file). The executor tries them as
     * renames; their content stays on the path.
     */
    public int likelyMoves() {
        return likelyMoves;
    }

    /** The removals the mass-delete guard counts: those whose content does not stay on the path as a likely move. */
    public int guardedRemovals() {
        return removals - likelyMoves;
    }

    /**
     * The paths that hold nothing the job selects although the saved state has entries of them (a
     * disk or share that is not mounted leaves an empty folder), by index, each with how many
     * entries it held at the last sync; in path order.
     */
    public Map<Integer, Long> emptiedPaths() {
        return emptied;
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

    /** Deletes the temporary files of the actions and the state changes. Idempotent. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            actions.close();
        } finally {
            stateChanges.close();
        }
    }
}
