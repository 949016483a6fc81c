package org.syncline.sync.state;

import org.syncline.sync.job.SyncJob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the storage of jobs run by the stand-alone {@code syncline sync}: the database adapter
 * implements it and is found with {@link java.util.ServiceLoader}, so the sync core does not
 * depend on the database. Without a provider the command keeps its interim files.
 */
public interface JobStorageProvider {

    /**
     * Which database to use, as the user chose it on the command line.
     *
     * @param databaseUrl a JDBC URL ({@code --db}), or {@code null}
     * @param profileFile a database profile file ({@code --db-profile}), or {@code null}
     */
    record Choice(String databaseUrl, Path profileFile) {
    }

    /**
     * Opens the storage for {@code job}; with neither a URL nor a profile file, the installation's
     * configured database (by default the embedded one).
     *
     * @param replicaIds the {@link org.syncline.sync.replica.Replica#id() ids} of the job's
     *     replicas, in the order of {@code job.paths()}: the keys of the state it loads and saves
     * @throws StorageUnavailableException when the database cannot be used (the message says why
     *     and what to do)
     */
    JobStorage open(SyncJob job, List<String> replicaIds, Choice choice) throws IOException;
}
