package org.syncline.store;

import java.util.List;
import java.util.Optional;

import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.StorageUnavailableException;

/** The jobs of an open {@link SynclineDatabase}: the model Jobs, converted by {@link JobDefinitions}. Thread-safe. */
final class DatabaseJobCatalog implements JobCatalog {

    private final SynclineDatabase database;

    DatabaseJobCatalog(SynclineDatabase database) {
        this.database = database;
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
    public DatabaseJobStorage save(SyncJob job, List<String> replicaIds) throws StorageUnavailableException {
        return storage(job, replicaIds, true);
    }

    @Override
    public DatabaseJobStorage open(SyncJob job, List<String> replicaIds) throws StorageUnavailableException {
        return storage(job, replicaIds, false);
    }

    private DatabaseJobStorage storage(SyncJob job, List<String> replicaIds, boolean define) throws StorageUnavailableException {
        if (replicaIds.size() != job.paths().size()) {
            throw new IllegalArgumentException(replicaIds.size() + " replica ids for " + job.paths().size() + " paths");
        }
        try {
            return DatabaseJobStorage.of(database, JobRows.save(database.catalog(), job, define), replicaIds);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return database.profile().toString();
    }
}
