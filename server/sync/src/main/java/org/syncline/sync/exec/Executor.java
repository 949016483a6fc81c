package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out a {@link Plan} in phases: conflict copies, then deletions and archivals (files, then
 * folders deepest first), folder creation, copies (in parallel and in batches with one durability barrier each, see
 * {@link CopyBatches}), and attributes (folders deepest
 * first, after their content). Before anything, the mass-delete guard may cancel the whole run.
 *
 * <p>Each action is tried up to {@code 1 + retries} times; a failure is logged for that file and the
 * run goes on. The plan's state changes are corrected so that they record only what really
 * succeeded: every path touched by a failed, skipped or cancelled action is withdrawn and keeps its
 * previous state. One executor runs one plan at a time; it is not thread-safe itself.
 */
public final class Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    private final Clock clock;
    private final RunLog runLog;

    public Executor(Clock clock, RunLog runLog) {
        this.clock = clock;
        this.runLog = runLog;
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
        int removals = plan.removals();
        if (options.massDeleteGuard().cancels(removals)) {
            String message = "the plan deletes " + removals + " entries, at or above the mass-delete limit of "
                    + options.massDeleteGuard().cancelAt() + "; nothing was changed";
            LOG.warn("Run of job {} cancelled: {}", plan.jobId(), message);
            tally.log(new FileAction(start, "GUARD", "", "", Outcome.FAILED, 0, message));
            plan.stateChanges().withdrawAll();
            return tally.summary(start, true, message);
        }
        if (options.massDeleteGuard().warns(removals)) {
            String message = "the plan deletes " + removals + " entries (warning limit "
                    + options.massDeleteGuard().warnAt() + ")";
            LOG.warn("Job {}: {}", plan.jobId(), message);
            tally.log(new FileAction(start, "GUARD", "", "", Outcome.WARNING, 0, message));
        }
        Archiver archiver = new Archiver(clock.getZone());
        ActionRunner runner = new ActionRunner(replicas, archiver, start, options.copyPermissions(), cancellation);
        Set<String> unsettled = ConcurrentHashMap.newKeySet();
        RetryingStep step = new RetryingStep(options.retryPolicy(), cancellation, tally, unsettled, replicas,
                runner, archiver, options.retention(), start);

        for (Action action : plan.actions()) {
            if (!action.type().changesSomething()) {
                tally.note(action);
            }
        }
        runSequentially(select(plan, ActionType.CONFLICT_COPY), step);
        List<Action> removalActions = select(plan, ActionType.DELETE, ActionType.ARCHIVE);
        removalActions.sort(Comparator.comparing((Action a) -> a.expectedTarget() != null
                && a.expectedTarget().isDirectory()).thenComparing(a -> -RelativePath.depth(a.path())));
        runSequentially(removalActions, step);
        runSequentially(select(plan, ActionType.MKDIR), step);
        new CopyBatches(replicas, runner, step, options.parallelCopies()).run(select(plan, ActionType.COPY));
        List<Action> attributes = select(plan, ActionType.SET_ATTRIBUTES);
        attributes.sort(Comparator.comparing((Action a) -> a.sourceEntry().isDirectory())
                .thenComparing(a -> -RelativePath.depth(a.path())));
        runSequentially(attributes, step);

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

    private static List<Action> select(Plan plan, ActionType... types) {
        List<Action> selected = new ArrayList<>();
        for (Action action : plan.actions()) {
            for (ActionType type : types) {
                if (action.type() == type) {
                    selected.add(action);
                }
            }
        }
        return selected;
    }

    private static void runSequentially(List<Action> actions, RetryingStep step) {
        for (Action action : actions) {
            step.run(action);
        }
    }
}
