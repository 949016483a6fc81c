package org.syncline.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.model.FileActionKind;
import org.syncline.model.FileActionOutcome;
import org.syncline.model.Job;
import org.syncline.model.Run;
import org.syncline.model.RunOrigin;
import org.syncline.model.RunOutcome;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.RunStore;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * {@link RunLog} on Run and FileAction rows of one job. File actions are written while the run
 * goes on, by a thread of the run's own, in batches as they come (at most {@value #BATCH} rows per
 * transaction, once {@value #BACKGROUND_BATCH} are waiting), so that the end of a run waits only
 * for the last few; the rest is written when the run finishes. They are not kept in memory once
 * written, and a run whose log falls {@value #MAX_WAITING} rows behind waits for it, so a run of a
 * million files does not hold a million objects. Rows keep the order they were logged in. A batch
 * that cannot be written is told in the server log, as a row that could not be written always was
 * (the run's files matter more than its log). Thread-safe.
 *
 * <p>Each FileAction row has the action's outcome. A failed action's message is its error; any
 * other action's message, if it has one, is its message.
 */
final class DatabaseRunLog implements RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRunLog.class);

    static final int BATCH = 1000;

    /** File actions waiting before the run's log thread writes them. */
    static final int BACKGROUND_BATCH = 64;

    /** File actions waiting at most: beyond, the run's threads wait for its log thread. */
    static final int MAX_WAITING = 10 * BATCH;

    /** The message of a preview's run, followed by its totals: how the history tells previews apart. */
    static final String PREVIEW = "Preview: nothing was changed";

    private final RunStore runs;
    private final Job job;
    private final int historyDays;
    private final Map<Long, Run> open = new ConcurrentHashMap<>();
    private final Map<Long, RunActions> pending = new ConcurrentHashMap<>();

    /**
     * @param historyDays how many days of the job's runs to keep: when a run finishes, the job's
     *     runs that started longer before its end are deleted with their file logs (0: none)
     */
    DatabaseRunLog(RunStore runs, Job job, int historyDays) {
        this.runs = runs;
        this.job = job;
        this.historyDays = historyDays;
    }

    @Override
    public long runStarted(String jobId, Instant start, boolean preview) throws StorageUnavailableException {
        Run run = SynclineFactory.eINSTANCE.createRun();
        run.setJob(job);
        run.setOrigin(RunOrigin.MANUAL);
        run.setStartedAt(start);
        run.setOutcome(RunOutcome.RUNNING);
        if (preview) {
            run.setMessage(PREVIEW);
        }
        try {
            runs.start(run);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        open.put(run.getId(), run);
        pending.put(run.getId(), new RunActions(run.getId()));
        return run.getId();
    }

    @Override
    public void fileAction(long runId, FileAction action) throws StorageUnavailableException {
        RunActions actions = pending.get(runId);
        if (actions == null) {
            throw new IllegalStateException("run " + runId + " is not open in this log");
        }
        actions.add(toRow(action));
    }

    @Override
    public void runFinished(long runId, RunSummary summary) throws StorageUnavailableException {
        write(runId, pending.remove(runId).finish());
        Run run = open.remove(runId);
        run.setFinishedAt(summary.end());
        run.setOutcome(summary.cancelled() ? RunOutcome.CANCELLED
                : summary.errors() > 0 ? RunOutcome.COMPLETED_WITH_ERRORS : RunOutcome.SUCCEEDED);
        run.setFilesCopied(count(summary.copied()));
        run.setFilesDeleted(count(summary.deleted()));
        run.setFilesArchived(count(summary.archived()));
        run.setFilesMoved(count(summary.moved()));
        run.setConflicts(count(summary.conflicts()));
        run.setErrors(count(summary.errors()));
        run.setBytesTransferred(summary.bytes());
        String totals = "scanned " + summary.scanned() + ", skipped " + summary.skipped();
        String message = summary.cancelled() ? "Cancelled: " + summary.message() + " (" + totals + ")"
                : run.getMessage() != null ? run.getMessage() + " (" + totals + ")" : totals;
        run.setMessage(message);
        try {
            runs.finish(run);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        trimHistory(run, summary.end());
    }

    /** Deletes the job's runs older than the history kept; a failure only costs space, so it is logged. */
    private void trimHistory(Run finished, Instant end) {
        if (historyDays == 0 || end == null) {
            return;
        }
        try {
            int deleted = runs.deleteRunsStartedBefore(job, end.minus(Duration.ofDays(historyDays)), finished);
            if (deleted > 0) {
                LOG.info("Deleted {} runs of job {} older than {} days, with their file logs", deleted, job.getName(), historyDays);
            }
        } catch (DatabaseException e) {
            LOG.warn("Could not delete the runs of job {} older than {} days: {}", job.getName(), historyDays, e.getMessage());
        }
    }

    private void write(long runId, List<org.syncline.model.FileAction> batch) throws StorageUnavailableException {
        if (batch.isEmpty()) {
            return;
        }
        // A stand-in carrying the id: RunStore adds the actions to it, and it is dropped after.
        Run carrier = SynclineFactory.eINSTANCE.createRun();
        carrier.setId(runId);
        carrier.setJob(job);
        try {
            runs.appendActions(carrier, batch);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    /**
     * The file actions of one open run not written yet, and the thread that writes them (started
     * when {@value #BACKGROUND_BATCH} are waiting, ended after a second with nothing to write).
     */
    private final class RunActions {

        private final long runId;
        private final List<org.syncline.model.FileAction> waiting = new ArrayList<>();
        private final ThreadPoolExecutor writer;
        private boolean scheduled;

        RunActions(long runId) {
            this.runId = runId;
            this.writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "syncline-run-log-" + runId);
                thread.setDaemon(true);
                return thread;
            });
        }

        synchronized void add(org.syncline.model.FileAction row) {
            while (waiting.size() >= MAX_WAITING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break; // kept all the same; the run's end writes it
                }
            }
            waiting.add(row);
            if (!scheduled && waiting.size() >= BACKGROUND_BATCH && !writer.isShutdown()) {
                scheduled = true;
                writer.execute(this::writeWaiting);
            }
        }

        /** On the log's thread: writes what waits, batch by batch, until nothing does. */
        private void writeWaiting() {
            while (true) {
                List<org.syncline.model.FileAction> batch;
                synchronized (this) {
                    if (waiting.isEmpty()) {
                        scheduled = false;
                        return;
                    }
                    List<org.syncline.model.FileAction> first = waiting.subList(0, Math.min(BATCH, waiting.size()));
                    batch = List.copyOf(first);
                    first.clear();
                    notifyAll();
                }
                try {
                    write(runId, batch);
                } catch (StorageUnavailableException e) {
                    LOG.warn("Could not write {} rows of the file log of run {}: {}", batch.size(), runId, e.getMessage());
                }
            }
        }

        /** Waits for the log's thread to write what it took; returns what is left, for the caller to write. */
        List<org.syncline.model.FileAction> finish() {
            writer.shutdown();
            try {
                while (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.info("Waiting for the file log of run {} to be written", runId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                List<org.syncline.model.FileAction> rest = List.copyOf(waiting);
                waiting.clear();
                notifyAll();
                return rest;
            }
        }
    }

    private static org.syncline.model.FileAction toRow(FileAction action) {
        org.syncline.model.FileAction row = SynclineFactory.eINSTANCE.createFileAction();
        row.setTime(action.time());
        row.setKind(kind(action.action()));
        row.setRelativePath(action.path());
        row.setSource("");
        row.setTarget(action.replica());
        row.setBytes(action.bytes());
        String message = action.message() == null || action.message().isEmpty() ? null : action.message();
        row.setOutcome(outcome(action.outcome()));
        if (action.outcome() == Outcome.FAILED) {
            row.setError(message == null ? "failed" : message);
        } else {
            row.setMessage(message);
        }
        return row;
    }

    private static FileActionOutcome outcome(Outcome outcome) {
        return switch (outcome) {
            case DONE -> FileActionOutcome.DONE;
            case FAILED -> FileActionOutcome.FAILED;
            case SKIPPED -> FileActionOutcome.SKIPPED;
            case CONFLICT -> FileActionOutcome.CONFLICT;
            case WARNING -> FileActionOutcome.WARNING;
        };
    }

    private static FileActionKind kind(String action) {
        return switch (action) {
            case "MKDIR" -> FileActionKind.MAKE_FOLDER;
            case "COPY" -> FileActionKind.COPY;
            case "DELETE" -> FileActionKind.DELETE;
            case "ARCHIVE" -> FileActionKind.ARCHIVE;
            // An ACL notice's message says that it concerns ACLs and extended attributes.
            case "SET_ATTRIBUTES", FileAction.ACLS -> FileActionKind.SET_ATTRIBUTES;
            case "CONFLICT", "CONFLICT_COPY" -> FileActionKind.CONFLICT;
            case FileAction.GUARD -> FileActionKind.GUARD;
            case FileAction.MOVE -> FileActionKind.MOVE;
            default -> FileActionKind.SKIP;
        };
    }

    /**
     * A logged action as the run's console named it ({@link #toRow} inverted; a scan's warning and an
     * entry left alone are both SKIP, an ACL notice is SET_ATTRIBUTES).
     */
    static FileAction fromRow(org.syncline.model.FileAction row) {
        String action = switch (row.getKind()) {
            case MAKE_FOLDER -> "MKDIR";
            default -> row.getKind().getName();
        };
        Outcome outcome = switch (row.getOutcome()) {
            case DONE -> Outcome.DONE;
            case FAILED -> Outcome.FAILED;
            case SKIPPED -> Outcome.SKIPPED;
            case CONFLICT -> Outcome.CONFLICT;
            case WARNING -> Outcome.WARNING;
        };
        String message = row.getOutcome() == FileActionOutcome.FAILED && row.getError() != null ? row.getError()
                : row.getMessage() != null ? row.getMessage() : "";
        return new FileAction(row.getTime(), action, row.getRelativePath() == null ? "" : row.getRelativePath(),
                row.getTarget() == null ? "" : row.getTarget(), outcome, row.getBytes(), message);
    }

    private static int count(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
