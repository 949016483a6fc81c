package org.syncline.store;

import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * Gives {@code syncline sync} the jobs of the database: {@code --db URL} (login from the
 * installation's settings), {@code --db-profile FILE}, or the installation's configured database
 * (see {@link DatabaseSettings}). Registered for {@link java.util.ServiceLoader}.
 */
public final class DatabaseJobStorageProvider implements JobStorageProvider {

    @Override
    public JobCatalog open(Choice choice) throws StorageUnavailableException {
        return new DatabaseJobCatalog(openDatabase(choice));
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
