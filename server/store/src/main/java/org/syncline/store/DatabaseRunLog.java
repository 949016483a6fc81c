package org.syncline.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * {@link RunLog} on Run and FileAction rows of one job. File actions are written in batches of
 * {@value #BATCH} (and the rest when the run finishes), and are not kept in memory afterwards,
 * so a run of a million files does not hold a million objects. Thread-safe.
 *
 * <p>Each FileAction row has the action's outcome. A failed action's message is its error; any
 * other action's message, if it has one, is its message.
 */
final class DatabaseRunLog implements RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRunLog.class);

    static final int BATCH = 1000;

    /** The message of a preview's run, followed by its totals: how the history tells previews apart. */
    static final String PREVIEW = "Preview: nothing was changed";

    private final RunStore runs;
    private final Job job;
    private final int historyDays;
    private final Map<Long, Run> open = new ConcurrentHashMap<>();
    private final Map<Long, List<org.syncline.model.FileAction>> pending = new ConcurrentHashMap<>();

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
        pending.put(run.getId(), new ArrayList<>());
        return run.getId();
    }

    @Override
    public void fileAction(long runId, FileAction action) throws StorageUnavailableException {
        List<org.syncline.model.FileAction> batch;
        List<org.syncline.model.FileAction> actions = pending.get(runId);
        synchronized (actions) {
            actions.add(toRow(action));
            if (actions.size() < BATCH) {
                return;
            }
            batch = List.copyOf(actions);
            actions.clear();
        }
        write(runId, batch);
    }

    @Override
    public void runFinished(long runId, RunSummary summary) throws StorageUnavailableException {
        List<org.syncline.model.FileAction> actions = pending.remove(runId);
        List<org.syncline.model.FileAction> rest;
        synchronized (actions) {
            rest = List.copyOf(actions);
        }
        write(runId, rest);
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
