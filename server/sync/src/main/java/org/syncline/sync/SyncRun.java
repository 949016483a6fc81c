package org.syncline.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.Executor;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.plan.ActionSink;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.plan.Reconciler;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.ScanListener;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.SyncStateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a job through the whole pipeline: read the last synchronized state, scan and
 * reconcile into a {@link Plan}, then either show it (preview: nothing on any path changes, no
 * state is saved) or execute it and save the state changes of what succeeded. Every run is
 * registered in the {@link RunLog}. A preview streams its actions to the run log (and to the
 * caller's sink) as they are planned, so it holds none of them. Not thread-safe; one run at a time
 * per job.
 */
public final class SyncRun {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

    /**
     * What a run produced, and how long its steps took. The plan is closed when the run returns:
     * read its totals, not its actions or state changes (the run log has what was done, under
     * {@code runId}).
     */
    public record Result(Plan plan, RunSummary summary, Timings timings, long runId) {
    }

    /**
     * Wall time of a run's steps: reading the last state, scanning and planning; carrying out the
     * plan (zero for a preview); saving the state changes (zero for a preview).
     */
    public record Timings(Duration plan, Duration execute, Duration saveState) {
    }

    private final SyncStateStore stateStore;
    private final RunLog runLog;
    private final Clock clock;
    private final boolean emptiedPathsAllowed;

    /** Runs that refuse to change anything after a path was emptied ({@link Plan#emptiedPaths()}). */
    public SyncRun(SyncStateStore stateStore, RunLog runLog, Clock clock) {
        this(stateStore, runLog, clock, false);
    }

    /**
     * @param emptiedPathsAllowed whether runs do what the plan says although one of the paths was
     *                            emptied since the last sync
     */
    public SyncRun(SyncStateStore stateStore, RunLog runLog, Clock clock, boolean emptiedPathsAllowed) {
        this.stateStore = stateStore;
        this.runLog = runLog;
        this.clock = clock;
        this.emptiedPathsAllowed = emptiedPathsAllowed;
    }

    /** Plans the job and logs the plan as a preview run; changes nothing. */
    public Result preview(SyncJob job, List<? extends Replica> replicas) throws IOException {
        return preview(job, replicas, action -> { });
    }

    /**
     * Plans the job and logs the plan as a preview run, handing every planned action to {@code sink}
     * too, as soon as it is planned; changes nothing. The returned plan holds the totals only.
     */
    public Result preview(SyncJob job, List<? extends Replica> replicas, ActionSink sink) throws IOException {
        Instant start = clock.instant();
        long runId = runLog.runStarted(job.id(), start, true);
        long planning = System.nanoTime();
        List<String> names = replicas.stream().map(Replica::toString).toList();
        Plan plan;
        try (SavedState base = stateStore.read(job.id(), ids(replicas))) {
            plan = new Reconciler(clock).preview(job, replicas, base, scanWarnings(runId), action -> {
                runLog.fileAction(runId, new FileAction(start, action.type().name(), action.path(),
                        action.target() >= 0 ? names.get(action.target()) : "", Outcome.SKIPPED, action.bytes(),
                        "preview: " + action.reason()));
                sink.planned(action);
            });
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        RunSummary summary = new RunSummary(start, clock.instant(), plan.scanned(), 0, 0, 0, 0, 0, 0, 0, false,
                "preview");
        runLog.runFinished(runId, summary);
        Duration planned = Duration.ofNanos(System.nanoTime() - planning);
        return new Result(plan, summary, new Timings(planned, Duration.ZERO, Duration.ZERO), runId);
    }

    /**
     * Plans and executes the job, then saves the state changes of what succeeded (the store may have
     * written them ahead while the plan was executed: {@link SyncStateStore#begin}). The plan is
     * closed when this returns: its totals remain, its actions are gone. The save's time in the
     * {@link Timings} is what the run waited for it after the execution.
     */
    public Result run(SyncJob job, List<? extends Replica> replicas, Cancellation cancellation,
                      ProgressListener progress) throws IOException {
        Instant start = clock.instant();
        Plan result;
        long runId = runLog.runStarted(job.id(), start, false);
        List<String> ids = ids(replicas);
        RunSummary executed;
        long planning = System.nanoTime();
        long executing;
        long saving;
        IOException unsaved = null;
        try (Plan plan = plan(job, replicas, ids, runId)) {
            executing = System.nanoTime();
            // The store may write the planned state while the plan is executed, then commit what succeeded.
            try (SyncStateStore.PendingSave save = stateStore.begin(job.id(), ids, plan.stateChanges())) {
                executed = new Executor(clock, runLog, emptiedPathsAllowed).execute(plan, replicas, job.options(), runId, cancellation,
                        progress);
                saving = System.nanoTime();
                try {
                    save.commit();
                } catch (IOException e) {
                    // What was done stays done; the run is logged as failed to save, then the caller hears of it.
                    unsaved = e;
                }
            }
            result = plan;
        }
        Timings timings = new Timings(Duration.ofNanos(executing - planning), Duration.ofNanos(saving - executing),
                Duration.ofNanos(System.nanoTime() - saving));
        RunSummary summary = new RunSummary(start, executed.end(), executed.scanned(), executed.copied(),
                executed.deleted(), executed.archived(), executed.moved(), executed.conflicts(), executed.skipped(),
                executed.errors() + (unsaved != null ? 1 : 0), executed.bytes(), executed.cancelled(),
                unsaved != null ? "the synchronized state was not saved: " + unsaved.getMessage() : executed.message());
        try {
            runLog.runFinished(runId, summary);
        } catch (IOException e) {
            if (unsaved == null) {
                throw e;
            }
            unsaved.addSuppressed(e);
        }
        if (unsaved != null) {
            throw unsaved;
        }
        LOG.info("Job {} finished: {} copied, {} deleted, {} errors", job.id(), summary.copied(), summary.deleted(),
                summary.errors());
        return new Result(result, summary, timings, runId);
    }

    /** Reads the saved state and reconciles the job against it. */
    private Plan plan(SyncJob job, List<? extends Replica> replicas, List<String> ids, long runId) throws IOException {
        try (SavedState base = stateStore.read(job.id(), ids)) {
            return new Reconciler(clock).reconcile(job, replicas, base, scanWarnings(runId));
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }

    private static List<String> ids(List<? extends Replica> replicas) {
        return replicas.stream().map(Replica::id).toList();
    }

    /** Logs each entry left out of a scan as a warning of the run. */
    private ScanListener scanWarnings(long runId) {
        return (path, reason) -> {
            try {
                runLog.fileAction(runId, new FileAction(clock.instant(), "SCAN", path, "", Outcome.WARNING, 0, reason));
            } catch (IOException e) {
                LOG.warn("Could not write to the run log: {}", e.getMessage());
            }
        };
    }
}
