package org.syncline.store;

import java.time.Duration;
import java.util.Locale;

import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.sync.cli.StartupRecording;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * Gives {@code syncline sync} the jobs of the database: {@code --db URL} (login from the
 * installation's settings), {@code --db-profile FILE}, or the installation's configured database
 * (see {@link DatabaseSettings}). Registered for {@link java.util.ServiceLoader}.
 *
 * <p>The system property {@value #RUN_LEASE_PROPERTY} sets how many seconds a run's claim on its
 * job lasts unless renewed (default 30): how long a run that was killed keeps others from running
 * the job.
 */
public final class DatabaseJobStorageProvider implements JobStorageProvider {

    public static final String RUN_LEASE_PROPERTY = "syncline.runLeaseSeconds";

    private final SynclineDatabase installation;
    private final int installationHistoryDays;
    private final SavedStateCache installationCache;

    /**
     * Opens the chosen database on every {@link #open}, as a one-shot command does; closing the
     * catalog closes it.
     */
    public DatabaseJobStorageProvider() {
        this(null, DatabaseSettings.DEFAULT_RUN_HISTORY_DAYS);
    }

    /**
     * Uses {@code installation}, opened already by this process (the engine's), when no other database
     * is chosen: no second connection pool, no second reading of the mappers.
     *
     * @param historyDays how many days the runs of each job in it are kept (0: all)
     */
    public DatabaseJobStorageProvider(SynclineDatabase installation, int historyDays) {
        this(installation, historyDays, null);
    }

    /**
     * As {@link #DatabaseJobStorageProvider(SynclineDatabase, int)}, keeping the saved states of the
     * installation's jobs in {@code cache} between runs (a database chosen by a run keeps none).
     */
    public DatabaseJobStorageProvider(SynclineDatabase installation, int historyDays, SavedStateCache cache) {
        this.installation = installation;
        this.installationHistoryDays = historyDays;
        this.installationCache = cache;
    }

    @Override
    public JobCatalog open(Choice choice) throws StorageUnavailableException {
        Duration lease = runLease(System.getProperty(RUN_LEASE_PROPERTY));
        boolean chosen = choice.databaseUrl() != null || choice.profileFile() != null;
        if (installation != null && !chosen) {
            return new DatabaseJobCatalog(installation, false, lease, installationHistoryDays, installationCache);
        }
        try {
            DatabaseSettings settings = settings(choice);
            return new DatabaseJobCatalog(openDatabase(settings, installation == null), true, lease, settings.runHistoryDays());
        } catch (InvalidDatabaseSettingsException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    /** The lease a setting asks for: whole seconds from 1 to 3600; none means the default. */
    static Duration runLease(String seconds) throws StorageUnavailableException {
        if (seconds == null || seconds.isBlank()) {
            return DatabaseJobCatalog.RUN_LEASE;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value >= 1 && value <= 3600) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below, as a value out of range is
        }
        throw new StorageUnavailableException(RUN_LEASE_PROPERTY + " must be a whole number of seconds from 1 to 3600,"
                + " but is '" + seconds + "'", null);
    }

    /**
     * Opens (and creates or upgrades) the chosen database.
     *
     * @param command whether a command opens it for its run (not an engine, which keeps databases open):
     *     an H2 file it then serves itself is written at its end only, never into free space, and is
     *     compacted now ({@link H2FileCompaction}: a process killed while H2 wrote into free space
     *     could come back without its last commits; a second guard behind the recovery every process
     *     makes when it opens such a file)
     */
    static SynclineDatabase openDatabase(DatabaseSettings settings, boolean command) throws StorageUnavailableException {
        try {
            DatabaseProfile profile = settings.profile();
            boolean h2File = profile.kind() == DatabaseKind.H2_FILE;
            if (command && h2File && !profile.url().toUpperCase(Locale.ROOT).contains(";REUSE_SPACE=")) {
                profile = settings.withUrl(profile.url() + ";REUSE_SPACE=FALSE").profile();
            }
            SynclineDatabase database = SynclineDatabase.open(profile);
            if (database.schemaChangedOnOpen()) {
                StartupRecording.untypical("created or upgraded the database's schema");
            }
            if (command && h2File) {
                H2FileCompaction.atOpen(database);
            }
            return database;
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
