package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.spill.Spill;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Carries out a {@link Plan} in phases: conflict copies, then deletions and archivals (files, then
 * folders deepest first), folder creation, moves (copies carried out by renaming a file the plan
 * removes from the same path, see {@link Moves}; those removals and the folders above them wait for
 * this phase), copies (in parallel and in batches with one durability barrier each, see
 * {@link CopyBatches}), and attributes (files, then folders deepest first, after
 * their content; the folders the run created get their permissions and time here too, see
 * {@link CreatedFolders}). Each phase is one pass over the plan's actions, which are read, not
 * held: memory holds a copy batch and the folder actions of the current phase. Before anything,
 * the mass-delete guard may cancel the whole run.
 *
 * <p>Each action is tried up to {@code 1 + retries} times; a failure is logged for that file and the
 * run goes on. The plan's state changes are corrected so that they record only what really
 * succeeded: every path touched by a failed, skipped or cancelled action is withdrawn and keeps its
 * previous state. One executor runs one plan at a time; it is not thread-safe itself.
 */
public final class Executor {

    /**
     * The logger of the problems that a run also writes to its run log, one per file or per run
     * (failed actions, refused attributes, the mass-delete guard): {@code syncline sync} prints the
     * run log's problems itself and turns this logger down, so that each is shown once; a service
     * keeps them in its own log.
     */
    public static final String RUN_LOG_PROBLEMS = "org.syncline.sync.exec.problems";

    static final Logger PROBLEMS = LoggerFactory.getLogger(RUN_LOG_PROBLEMS);

    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    /** Actions that are only reported: conflicts, warnings and skips. */
    private static final Set<ActionType> NOT_EXECUTED = EnumSet.copyOf(
            Arrays.stream(ActionType.values()).filter(type -> !type.changesSomething()).toList());

    private static final Comparator<Action> DEEPEST_FIRST = Comparator.comparing(
            (Action a) -> -RelativePath.depth(a.path()));

    private final Clock clock;
    private final RunLog runLog;
    private final boolean emptiedPathsAllowed;

    /**
     * @param emptiedPathsAllowed whether a plan that changes anything runs although one of its paths
     *                            was emptied since the last sync
     */
    public Executor(Clock clock, RunLog runLog, boolean emptiedPathsAllowed) {
        this.clock = clock;
        this.runLog = runLog;
        this.emptiedPathsAllowed = emptiedPathsAllowed;
    }

    /**
     * Executes a plan and withdraws from {@code plan.stateChanges()} what did not succeed.
     *
     * @param replicas the job's paths, in the plan's order
     * @param runId    the run as registered in the run log
     * @return the run's totals (its start is the plan's execution start)
     */
    public RunSummary execute(Plan plan, List<? extends Replica> replicas, SyncOptions options, long runId,
                              Cancellation cancellation, ProgressListener listener) throws IOException {
        Instant start = clock.instant();
        ExecutionTally tally = new ExecutionTally(plan, runLog, runId, clock, listener);
        int removals = plan.guardedRemovals();
        Optional<String> refused = refusal(plan, options, emptiedPathsAllowed);
        if (refused.isPresent()) {
            return cancelledBeforeStart(plan, tally, start, refused.get());
        }
        if (options.massDeleteGuard().warns(removals)) {
            String message = "the plan deletes " + removals + " entries (warning limit "
                    + options.massDeleteGuard().warnAt() + movesNotCounted(plan) + ")";
            PROBLEMS.warn("Job {}: {}", plan.jobId(), message);
            tally.log(new FileAction(start, FileAction.GUARD, "", "", Outcome.WARNING, 0, message));
        }
        Archiver archiver = new Archiver(clock.getZone());
        AttributeNotices notices = new AttributeNotices(tally, plan.replicaNames(), clock);
        CreatedFolders created = new CreatedFolders();
        ActionRunner runner = new ActionRunner(replicas, archiver, start, options, notices, cancellation, created,
                plan.stateChanges());
        Set<String> unsettled = ConcurrentHashMap.newKeySet();
        RetryingStep step = new RetryingStep(options.retryPolicy(), cancellation, tally, unsettled, replicas,
                runner, archiver, options.retention(), start);

        try {
            pass(plan, NOT_EXECUTED, tally::note);
            pass(plan, EnumSet.of(ActionType.CONFLICT_COPY), step::run);
            Moves moves = Moves.find(plan, replicas);
            List<Action> heldFolders = runFilesThenFolders(plan, EnumSet.of(ActionType.DELETE, ActionType.ARCHIVE),
                    action -> action.expectedTarget() != null && action.expectedTarget().isDirectory(), moves, step);
            pass(plan, EnumSet.of(ActionType.MKDIR), step::run);
            Set<String> moved = moves.run(step, options.parallelCopies());
            heldFolders.forEach(step::run);
            try (Spill.Reader<Action> copies = plan.openActions()) {
                Iterator<Action> selected = new Selection(copies, EnumSet.of(ActionType.COPY));
                new CopyBatches(replicas, runner, step, options.parallelCopies(), !options.lockFiles())
                        .run(moved.isEmpty() ? selected
                                : new Selection(selected, copy -> !moved.contains(Moves.key(copy.target(), copy.path()))));
            }
            setAttributes(plan, created, step);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }

        for (Replica replica : replicas) {
            try {
                replica.flush();
            } catch (IOException e) {
                LOG.warn("Could not flush {}: {}", replica, e.getMessage());
            }
        }
        unsettled.forEach(plan.stateChanges()::withdraw);
        boolean cancelled = cancellation.isCancelled();
        return tally.summary(start, cancelled, cancelled ? "cancelled by the user" : "");
    }

    /**
     * Why a plan must not run at all, if it must not: it deletes as many entries as the mass-delete
     * guard cancels at, or it changes anything after one of its paths was emptied (unless allowed).
     */
    public static Optional<String> refusal(Plan plan, SyncOptions options, boolean emptiedPathsAllowed) {
        int removals = plan.guardedRemovals();
        if (options.massDeleteGuard().cancels(removals)) {
            return Optional.of("the plan deletes " + removals + " entries, at or above the mass-delete limit of "
                    + options.massDeleteGuard().cancelAt() + movesNotCounted(plan) + "; nothing was changed");
        }
        if (!plan.emptiedPaths().isEmpty() && !plan.changesNothing() && !emptiedPathsAllowed) {
            return Optional.of(emptied(plan));
        }
        return Optional.empty();
    }

    /** Tells the removals the mass-delete guard leaves out, if any. */
    private static String movesNotCounted(Plan plan) {
        int moves = plan.likelyMoves();
        return moves == 0 ? "" : "; not counted: " + moves + (moves == 1 ? " file" : " files")
                + " removed where a file of the same size and time is copied, likely moved or renamed";
    }

    /** Cancels a run before it changes anything, logging why as a failed guard; no state changes. */
    private static RunSummary cancelledBeforeStart(Plan plan, ExecutionTally tally, Instant start, String message) {
        PROBLEMS.warn("Run of job {} cancelled: {}", plan.jobId(), message);
        tally.log(new FileAction(start, FileAction.GUARD, "", "", Outcome.FAILED, 0, message));
        plan.stateChanges().withdrawAll();
        return tally.summary(start, true, message);
    }

    /**
     * Why a plan does not run that would change anything after a path was emptied, and what to do: it
     * would delete everything elsewhere, or copy everything again onto the disk under a mount point.
     */
    private static String emptied(Plan plan) {
        StringBuilder text = new StringBuilder();
        plan.emptiedPaths().forEach((path, entries) -> text.append(text.isEmpty() ? "" : "; ")
                .append(plan.replicaNames().get(path)).append(" is empty, but it held ").append(entries)
                .append(entries == 1 ? " entry" : " entries").append(" at the last sync"));
        if (plan.removals() > 0) {
            return text + ". If it is a disk or network share that is not mounted, mount it and run again; if it was"
                    + " emptied on purpose, run again with --allow-emptied to let the plan's " + plan.removals()
                    + (plan.removals() == 1 ? " deletion" : " deletions") + " go ahead. Nothing was changed";
        }
        return text + ". If it is a disk or network share that is not mounted, mount it and run again (a copy now"
                + " would fill the disk it is mounted on); if it was emptied on purpose, run again with"
                + " --allow-emptied to copy everything to it again. Nothing was changed";
    }

    /** Hands each action of the given types to {@code each}, in plan order, in one pass over the plan. */
    private static void pass(Plan plan, Set<ActionType> types, Consumer<Action> each) throws IOException {
        try (Spill.Reader<Action> actions = plan.openActions()) {
            new Selection(actions, types).forEachRemaining(each);
        }
    }

    /**
     * Runs the removals on files in plan order while passing over the plan, then those on folders,
     * deepest first: a folder's content before the folder. Only the folder actions are held in
     * memory. The removals that wait for {@code moves}, and the folders above them, are left out:
     * returns those folders, deepest first, to be removed after the moves.
     */
    private static List<Action> runFilesThenFolders(Plan plan, Set<ActionType> types, Predicate<Action> onFolder,
                                                    Moves moves, RetryingStep step) throws IOException {
        List<Action> folders = new ArrayList<>();
        pass(plan, types, action -> {
            if (onFolder.test(action)) {
                folders.add(action);
            } else if (!moves.held(action)) {
                step.run(action);
            }
        });
        folders.sort(DEEPEST_FIRST);
        List<Action> held = new ArrayList<>();
        for (Action folder : folders) {
            if (moves.holdsFolder(folder)) {
                held.add(folder);
            } else {
                step.run(folder);
            }
        }
        return held;
    }

    /**
     * The last phase: the attributes of files in plan order, then those of folders deepest first,
     * among them the permissions and time of the folders this run created ({@link CreatedFolders}),
     * which the run log shows only when setting them fails.
     */
    private static void setAttributes(Plan plan, CreatedFolders created, RetryingStep step) throws IOException {
        List<Action> planned = new ArrayList<>();
        pass(plan, EnumSet.of(ActionType.SET_ATTRIBUTES), action -> {
            if (action.sourceEntry().isDirectory()) {
                planned.add(action);
            } else {
                step.run(action);
            }
        });
        Set<String> plannedKeys = new HashSet<>();
        planned.forEach(action -> plannedKeys.add(CreatedFolders.key(action.target(), action.path())));
        Set<Action> stamps = Collections.newSetFromMap(new IdentityHashMap<>());
        stamps.addAll(created.stampsExcept(plannedKeys));
        List<Action> folders = new ArrayList<>(planned);
        folders.addAll(stamps);
        folders.sort(DEEPEST_FIRST);
        for (Action folder : folders) {
            if (stamps.contains(folder)) {
                step.runQuietly(folder);
            } else {
                step.run(folder);
            }
        }
    }

    /** The actions of some types, or chosen otherwise, read from a pass over the plan. */
    private static final class Selection implements Iterator<Action> {

        private final Iterator<Action> actions;
        private final Predicate<Action> selected;
        private Action next;

        Selection(Iterator<Action> actions, Set<ActionType> types) {
            this(actions, action -> types.contains(action.type()));
        }

        Selection(Iterator<Action> actions, Predicate<Action> selected) {
            this.actions = actions;
            this.selected = selected;
        }

        @Override
        public boolean hasNext() {
            while (next == null && actions.hasNext()) {
                Action action = actions.next();
                next = selected.test(action) ? action : null;
            }
            return next != null;
        }

        @Override
        public Action next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Action action = next;
            next = null;
            return action;
        }
    }
}
