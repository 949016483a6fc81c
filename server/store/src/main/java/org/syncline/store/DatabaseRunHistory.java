package org.syncline.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.syncline.model.Catalog;
import org.syncline.model.Job;
import org.syncline.model.Run;
import org.syncline.model.RunOutcome;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.JobLease;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.RunRecord;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * The run history of a database as {@link org.syncline.sync.state.JobCatalog} shows it: Run rows
 * as {@link RunRecord}s, with a run still marked running told apart from one whose process ended
 * before it finished (its job's claim is no longer held, or a later run of the job started).
 */
final class DatabaseRunHistory {

    private final SynclineDatabase database;

    DatabaseRunHistory(SynclineDatabase database) {
        this.database = database;
    }

    Optional<List<RunRecord>> runs(String jobName, int limit) throws StorageUnavailableException {
        try {
            Catalog catalog = database.catalog().load();
            List<Run> runs;
            if (jobName == null) {
                runs = database.runs().recentRuns(catalog, limit);
            } else {
                Optional<Job> job = catalog.getJobs().stream().filter(j -> j.getName().equals(jobName)).findFirst();
                if (job.isEmpty()) {
                    return Optional.empty();
                }
                runs = database.runs().recentRuns(catalog, job.get(), limit);
            }
            return Optional.of(runs.stream().map(this::record).toList());
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    Optional<RunRecord> run(long id) throws StorageUnavailableException {
        try {
            return database.runs().findRun(database.catalog().load(), id).map(this::record);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    void fileLog(long id, boolean problemsOnly, Consumer<FileAction> each) throws StorageUnavailableException {
        try {
            database.runs().forEachAction(id, problemsOnly, row -> each.accept(DatabaseRunLog.fromRow(row)));
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    private RunRecord record(Run run) {
        Optional<JobLease> holder = Optional.empty();
        if (run.getOutcome() == RunOutcome.RUNNING) {
            // Its row has no totals until it finishes: what its file log holds so far.
            database.runs().countLogged(run);
            holder = runningOn(run);
        }
        String message = run.getMessage() == null ? "" : run.getMessage();
        RunRecord.Status status = switch (run.getOutcome()) {
            case RUNNING -> holder.isPresent() ? RunRecord.Status.RUNNING : RunRecord.Status.INTERRUPTED;
            case SUCCEEDED -> RunRecord.Status.SUCCEEDED;
            case COMPLETED_WITH_ERRORS -> RunRecord.Status.COMPLETED_WITH_ERRORS;
            case FAILED -> RunRecord.Status.FAILED;
            case CANCELLED -> RunRecord.Status.CANCELLED;
        };
        Job job = run.getJob();
        return new RunRecord(run.getId(), job.getName(), job.getRule() == null ? "" : job.getRule().getName(),
                JobDefinitions.folders(job), run.getOrigin().getName().toLowerCase(Locale.ROOT),
                run.getStartedAt(), run.getFinishedAt(), status, holder.map(JobLease::holder).orElse(""),
                message.startsWith(DatabaseRunLog.PREVIEW),
                run.getFilesCopied(), run.getFilesDeleted(), run.getFilesArchived(), run.getFilesMoved(), run.getConflicts(),
                run.getErrors(),
                run.getBytesTransferred(), message);
    }

    /**
     * The claim of the process running {@code run}, if it still runs: a run holds its job's claim
     * while it lasts, so only the job's newest unfinished run, and only while the claim is held.
     */
    private Optional<JobLease> runningOn(Run run) {
        return database.jobLeases().find(run.getJob().getName()).filter(JobLease::held)
                .filter(lease -> database.runs().isLatestRunning(run));
    }
}
