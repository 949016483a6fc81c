package org.syncline.sync.state;

import java.nio.file.Path;

/**
 * Opens the jobs of the stand-alone {@code syncline sync} and their storage: the database adapter
 * implements it and is found with {@link java.util.ServiceLoader}, so the sync core does not
 * depend on the database. Without a provider the command keeps its interim files and knows no
 * saved jobs.
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
     * Opens the jobs of the chosen database; with neither a URL nor a profile file, the
     * installation's configured database (by default the embedded one).
     *
     * @throws StorageUnavailableException when the database cannot be used (the message says why
     *     and what to do)
     */
    JobCatalog open(Choice choice) throws StorageUnavailableException;
}
