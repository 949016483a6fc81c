package org.syncline.store;

import java.io.IOException;
import java.util.List;

import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.state.JobStorage;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * Gives {@code syncline sync} the database: {@code --db URL} (login from the installation's
 * settings), {@code --db-profile FILE}, or the installation's configured database (see
 * {@link DatabaseSettings}). Registered for {@link java.util.ServiceLoader}.
 */
public final class DatabaseJobStorageProvider implements JobStorageProvider {

    @Override
    public JobStorage open(SyncJob job, List<String> replicaIds, Choice choice) throws IOException {
        SynclineDatabase database = openDatabase(choice);
        return DatabaseJobStorage.of(database, job, replicaIds);
    }

    /** Opens (and creates or upgrades) the chosen database. */
    static SynclineDatabase openDatabase(Choice choice) throws StorageUnavailableException {
        try {
            return SynclineDatabase.open(settings(choice).profile());
        } catch (InvalidDatabaseSettingsException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    private static DatabaseSettings settings(Choice choice) throws InvalidDatabaseSettingsException {
        var home = DatabaseSettings.home(System.getenv());
        DatabaseSettings settings = choice.profileFile() != null ? DatabaseSettings.load(home, choice.profileFile())
                : DatabaseSettings.ofInstallation(home);
        return choice.databaseUrl() != null ? settings.withUrl(choice.databaseUrl()) : settings;
    }
}
