package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what an execution did, reports progress and writes per-file actions to the run log.
 * Thread-safe: copy threads report concurrently.
 */
final class ExecutionTally {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionTally.class);
    private static final long PROGRESS_EVERY_BYTES = 8L << 20;

    private final Plan plan;
    private final RunLog runLog;
    private final long runId;
    private final Clock clock;
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private final long filesTotal;
    private final AtomicLong bytesTotal;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong bytesAtLastReport = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong archived = new AtomicLong();
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    ExecutionTally(Plan plan, RunLog runLog, long runId, Clock clock, ProgressListener listener) {
        this.plan = plan;
        this.runLog = runLog;
        this.runId = runId;
        this.clock = clock;
        this.listener = listener;
        this.filesTotal = plan.changing();
        this.bytesTotal = new AtomicLong(plan.bytesToCopy());
    }

    /** Logs a non-executed action: conflict, warning or skip. */
    void note(Action action) {
        Outcome outcome = switch (action.type()) {
            case CONFLICT -> Outcome.CONFLICT;
            case WARNING -> Outcome.WARNING;
            default -> Outcome.SKIPPED;
        };
        if (outcome == Outcome.CONFLICT) {
            conflicts.incrementAndGet();
        } else if (outcome == Outcome.SKIPPED) {
            skipped.incrementAndGet();
        }
        log(new FileAction(clock.instant(), action.type().name(), action.path(), replicaName(action), outcome, 0,
                action.reason()));
    }

    /** An executed action ended. */
    void finished(Action action, Outcome outcome, long transferred, String message) {
        if (outcome == Outcome.DONE) {
            switch (action.type()) {
                case COPY -> copied.incrementAndGet();
                case DELETE -> deleted.incrementAndGet();
                case ARCHIVE -> archived.incrementAndGet();
                default -> { }
            }
        } else if (outcome == Outcome.FAILED) {
            errors.incrementAndGet();
        } else if (outcome == Outcome.SKIPPED) {
            skipped.incrementAndGet();
        }
        filesDone.incrementAndGet();
        log(new FileAction(clock.instant(), action.type().name(), action.path(), replicaName(action), outcome,
                transferred, message));
        report(action.path());
    }

    /**
     * A copy was carried out by renaming the file that {@code removal} took away from its target: both
     * planned actions are done, logged as one move, and the copy's bytes are no longer to be copied.
     */
    void moved(Action copy, Action removal) {
        moved.incrementAndGet();
        filesDone.addAndGet(2);
        bytesTotal.addAndGet(-copy.bytes());
        log(new FileAction(clock.instant(), FileAction.MOVE, copy.path(), replicaName(copy), Outcome.DONE, 0,
                "renamed from " + removal.path() + ", which held the same bytes, instead of copying it again"));
        report(copy.path());
    }

    /** Bytes arrived for the copy of {@code path}. */
    void copiedBytes(String path, long count) {
        long total = bytes.addAndGet(count);
        long last = bytesAtLastReport.get();
        if (total - last >= PROGRESS_EVERY_BYTES && bytesAtLastReport.compareAndSet(last, total)) {
            report(path);
        }
    }

    /** Takes back bytes of a copy that failed and will be retried or given up. */
    void uncount(long count) {
        bytes.addAndGet(-count);
    }

    void log(FileAction action) {
        try {
            runLog.fileAction(runId, action);
        } catch (IOException e) {
            LOG.warn("Could not write to the run log: {}", e.getMessage());
        }
    }

    RunSummary summary(Instant start, boolean cancelled, String message) {
        return new RunSummary(start, clock.instant(), plan.scanned(), copied.get(), deleted.get(), archived.get(),
                moved.get(), conflicts.get(), skipped.get(), errors.get(), bytes.get(), cancelled, message);
    }

    private void report(String path) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long done = bytes.get();
        listener.progress(new Progress(filesDone.get(), filesTotal, done, bytesTotal.get(), done / seconds, path));
    }

    private String replicaName(Action action) {
        return action.target() >= 0 ? plan.replicaNames().get(action.target()) : "";
    }
}
