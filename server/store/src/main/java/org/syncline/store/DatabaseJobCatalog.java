package org.syncline.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.syncline.model.Job;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.job.JobFolders;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.persistence.RunFence;
import org.syncline.sync.state.RunLock;
import org.syncline.sync.state.RunRecord;

/**
 * The jobs of an open {@link SynclineDatabase}: the model Jobs, converted by {@link JobDefinitions},
 * and the leases that keep each from running twice at once ({@link DatabaseRunLock}). Thread-safe.
 */
final class DatabaseJobCatalog implements JobCatalog {

    /** How long a run's claim on its job lasts unless renewed: how long a killed run blocks the job. */
    static final Duration RUN_LEASE = Duration.ofSeconds(30);

    private final SynclineDatabase database;
    private final boolean closesDatabase;
    private final Duration runLease;
    private final int historyDays;
    private final SavedStateCache cache;
    private final DatabaseRunHistory history;

    DatabaseJobCatalog(SynclineDatabase database) {
        this(database, RUN_LEASE);
    }

    DatabaseJobCatalog(SynclineDatabase database, Duration runLease) {
        this(database, runLease, DatabaseSettings.DEFAULT_RUN_HISTORY_DAYS);
    }

    /**
     * @param runLease    how long a run's claim on its job lasts unless renewed
     * @param historyDays how many days of each job's runs its runs keep ({@link DatabaseSettings#runHistoryDays()})
     */
    DatabaseJobCatalog(SynclineDatabase database, Duration runLease, int historyDays) {
        this(database, false, runLease, historyDays);
    }

    /**
     * @param closesDatabase whether closing the catalog closes {@code database} (opened for it alone)
     */
    DatabaseJobCatalog(SynclineDatabase database, boolean closesDatabase, Duration runLease, int historyDays) {
        this(database, closesDatabase, runLease, historyDays, null);
    }

    /**
     * @param cache where the jobs' saved states are kept between runs (a long-running process's), or
     *     {@code null} for none
     */
    DatabaseJobCatalog(SynclineDatabase database, boolean closesDatabase, Duration runLease, int historyDays,
                       SavedStateCache cache) {
        this.database = database;
        this.closesDatabase = closesDatabase;
        this.runLease = runLease;
        this.historyDays = historyDays;
        this.cache = cache;
        this.history = new DatabaseRunHistory(database);
    }

    @Override
    public void close() {
        if (closesDatabase) {
            database.close();
        }
    }

    @Override
    public Optional<SyncJob> find(String name) throws StorageUnavailableException {
        try {
            return database.catalog().loadJob(name).map(JobDefinitions::read);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public List<JobFolders> jobs() throws StorageUnavailableException {
        try {
            return database.catalog().loadOutlines().stream().map(JobDefinitions::folders).toList();
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String name) throws StorageUnavailableException, JobRunningException {
        try (DatabaseRunLock claim = lockRun(name, () -> { })) {
            Optional<Job> row = database.catalog().loadJob(name);
            if (row.isEmpty()) {
                return false;
            }
            database.catalog().delete(row.get());
            return true;
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public DatabaseJobStorage save(SyncJob job, List<String> replicaIds, RunLock claim) throws StorageUnavailableException {
        RunFence fence = claim instanceof DatabaseRunLock lock ? new RunFence(lock.job(), lock.token()) : null;
        if (fence == null) {
            throw new IllegalArgumentException("a run on the database holds the job's claim in the database, not " + claim);
        }
        return storage(job, replicaIds, true, fence);
    }

    /** {@link #save(SyncJob, List, RunLock)} without a claim: its state saves are not fenced (tests). */
    DatabaseJobStorage save(SyncJob job, List<String> replicaIds) throws StorageUnavailableException {
        return storage(job, replicaIds, true, null);
    }

    @Override
    public DatabaseJobStorage open(SyncJob job, List<String> replicaIds) throws StorageUnavailableException {
        return storage(job, replicaIds, false, null);
    }

    private DatabaseJobStorage storage(SyncJob job, List<String> replicaIds, boolean define, RunFence fence)
            throws StorageUnavailableException {
        if (replicaIds.size() != job.paths().size()) {
            throw new IllegalArgumentException(replicaIds.size() + " replica ids for " + job.paths().size() + " paths");
        }
        try {
            return DatabaseJobStorage.of(database, JobRows.save(database.catalog(), job, define), replicaIds, fence, historyDays, cache);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public DatabaseRunLock lockRun(String name, Runnable lost) throws StorageUnavailableException, JobRunningException {
        return DatabaseRunLock.claim(database.jobLeases(), name, runLease, lost);
    }

    @Override
    public Optional<List<RunRecord>> runs(String name, int limit) throws StorageUnavailableException {
        return history.runs(name, limit);
    }

    @Override
    public Optional<RunRecord> run(long id) throws StorageUnavailableException {
        return history.run(id);
    }

    @Override
    public void fileLog(long id, boolean problemsOnly, Consumer<FileAction> each) throws StorageUnavailableException {
        history.fileLog(id, problemsOnly, each);
    }

    @Override
    public String description() {
        return database.profile().toString();
    }
}
