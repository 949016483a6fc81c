package org.syncline.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.Executor;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.plan.Reconciler;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.SyncState;
import org.syncline.sync.state.SyncStateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a job through the whole pipeline: load the last synchronized state, scan and
 * reconcile into a {@link Plan}, then either show it (preview: nothing on any path changes, no
 * state is saved) or execute it and save the state of what succeeded. Every run is registered in
 * the {@link RunLog}. Not thread-safe; one run at a time per job.
 */
public final class SyncRun {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

    /** What a run produced, and how long its steps took. */
    public record Result(Plan plan, RunSummary summary, Timings timings) {
    }

    /**
     * Wall time of a run's steps: loading the last state, scanning and planning; carrying out the
     * plan (zero for a preview); saving the new state (zero for a preview).
     */
    public record Timings(Duration plan, Duration execute, Duration saveState) {
    }

    private final SyncStateStore stateStore;
    private final RunLog runLog;
    private final Clock clock;

    public SyncRun(SyncStateStore stateStore, RunLog runLog, Clock clock) {
        this.stateStore = stateStore;
        this.runLog = runLog;
        this.clock = clock;
    }

    /** Plans the job and logs the plan as a preview run; changes nothing. */
    public Result preview(SyncJob job, List<? extends Replica> replicas) throws IOException {
        Instant start = clock.instant();
        long runId = runLog.runStarted(job.id(), start, true);
        long planning = System.nanoTime();
        Plan plan = plan(job, replicas, runId);
        Duration planned = Duration.ofNanos(System.nanoTime() - planning);
        for (Action action : plan.actions()) {
            runLog.fileAction(runId, new FileAction(start, action.type().name(), action.path(),
                    action.target() >= 0 ? plan.replicaNames().get(action.target()) : "", Outcome.SKIPPED,
                    action.bytes(), "preview: " + action.reason()));
        }
        RunSummary summary = new RunSummary(start, clock.instant(), plan.scanned(), 0, 0, 0, 0, 0, 0, 0, false,
                "preview");
        runLog.runFinished(runId, summary);
        return new Result(plan, summary, new Timings(planned, Duration.ZERO, Duration.ZERO));
    }

    /** Plans and executes the job, then saves the state of what succeeded. */
    public Result run(SyncJob job, List<? extends Replica> replicas, Cancellation cancellation,
                      ProgressListener progress) throws IOException {
        Instant start = clock.instant();
        long runId = runLog.runStarted(job.id(), start, false);
        long planning = System.nanoTime();
        Plan plan = plan(job, replicas, runId);
        long executing = System.nanoTime();
        RunSummary executed = new Executor(clock, runLog).execute(plan, replicas, job.options(), runId,
                cancellation, progress);
        long saving = System.nanoTime();
        stateStore.save(job.id(), plan.newState());
        Timings timings = new Timings(Duration.ofNanos(executing - planning), Duration.ofNanos(saving - executing),
                Duration.ofNanos(System.nanoTime() - saving));
        RunSummary summary = new RunSummary(start, executed.end(), executed.scanned(), executed.copied(),
                executed.deleted(), executed.archived(), executed.conflicts(), executed.skipped(), executed.errors(),
                executed.bytes(), executed.cancelled(), executed.message());
        runLog.runFinished(runId, summary);
        LOG.info("Job {} finished: {} copied, {} deleted, {} errors", job.id(), summary.copied(), summary.deleted(),
                summary.errors());
        return new Result(plan, summary, timings);
    }

    private Plan plan(SyncJob job, List<? extends Replica> replicas, long runId) throws IOException {
        SyncState base = stateStore.load(job.id());
        try {
            return new Reconciler(clock).reconcile(job, replicas, base, (path, reason) -> {
                try {
                    runLog.fileAction(runId, new FileAction(clock.instant(), "SCAN", path, "", Outcome.WARNING, 0,
                            reason));
                } catch (IOException e) {
                    LOG.warn("Could not write to the run log: {}", e.getMessage());
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
    }
}
