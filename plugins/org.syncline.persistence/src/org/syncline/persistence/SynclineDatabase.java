package org.syncline.persistence;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import javax.sql.DataSource;

import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.DatabaseUnavailableException.Reason;
import org.syncline.persistence.internal.ConnectionErrors;
import org.syncline.persistence.internal.DataSources;
import org.syncline.persistence.internal.DatabaseIds;
import org.syncline.persistence.internal.H2FileRecovery;
import org.syncline.persistence.internal.SchemaMigrator;
import org.syncline.persistence.internal.SessionFactories;
import org.syncline.persistence.internal.secret.KeyFile;
import org.syncline.persistence.internal.secret.SecretCipher;

/**
 * An open Syncline database: the entry point the workbench and the engine share.
 *
 * <p>{@link #open(DatabaseProfile)} first brings back the last commits of an embedded H2 file that
 * its process did not close where H2 itself would not ({@link H2FileRecovery}), then connects,
 * refuses a schema written by a newer Syncline, creates or upgrades the schema (safe when several
 * processes open an empty database at once), and loads the secret key. The stores it hands out are
 * thread-safe; each call uses its own connection and transaction. Connections to a database server
 * are pooled ({@link DataSources#pooled}); {@link #close()} closes them when the process is done
 * with the database.
 */
public final class SynclineDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SynclineDatabase.class);

    /** H2's error for a file locked by another process that serves no connections. */
    private static final int H2_FILE_IN_USE = 90020;
    /** How long the first connection waits for another process's check of an H2 file. */
    private static final long RECOVERY_WAIT_MILLIS = 10_000;

    private final DatabaseProfile profile;
    private final DataSource dataSource;
    private final SqlSessionFactory sessions;
    private final boolean schemaChanged;

    private SynclineDatabase(DatabaseProfile profile, DataSource dataSource, SqlSessionFactory sessions, boolean schemaChanged) {
        this.profile = profile;
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.schemaChanged = schemaChanged;
    }

    /**
     * Opens the database of {@code profile}, creating or upgrading its schema.
     *
     * @throws DatabaseUnavailableException with a message for the user when the database cannot be
     *         reached, refuses the login, does not exist, or has a newer schema than this program
     */
    public static SynclineDatabase open(DatabaseProfile profile) {
        if (profile.kind() == DatabaseKind.H2_FILE) {
            Path file = H2FileRecovery.fileOf(profile.location());
            createFolderOf(file);
            H2FileRecovery.recoverIfNotClosed(file);
        }
        DataSource direct = DataSources.create(profile);
        SecretCipher cipher;
        try {
            cipher = new SecretCipher(KeyFile.loadOrCreate(profile.keyFile()));
        } catch (IOException e) {
            throw new DatabaseException("Cannot read or create the secret key file " + profile.keyFile() + ": " + e.getMessage(), e);
        }
        // Reading the mappers costs more than connecting to a local database (~0.35 s against
        // ~0.15 s at a command's start): they are read on another thread meanwhile.
        DataSource pooled = DataSources.pooled(direct, profile);
        FutureTask<SqlSessionFactory> sessions = new FutureTask<>(() -> SessionFactories.build(pooled, DatabaseIds.of(profile), cipher));
        Thread reader = new Thread(sessions, "syncline-mappers");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean schemaChanged = migrate(direct, profile);
            SynclineDatabase database = new SynclineDatabase(profile, pooled, await(sessions), schemaChanged);
            LOG.info("Opened {}", profile);
            return database;
        } catch (RuntimeException e) {
            close(pooled);
            throw e;
        }
    }

    /**
     * Creates the folder of a new H2 file. H2 would create it too, but fails when another process
     * (a second engine started at the same moment) creates it between H2's check and its own
     * creation; {@link Files#createDirectories} accepts a folder that appears meanwhile.
     */
    private static void createFolderOf(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new DatabaseUnavailableException(Reason.OTHER, "Cannot create the folder " + folder + " for the database file: "
                    + e.getFile() + " is a file, not a folder. Move that file away or choose another database location.", e);
        } catch (IOException e) {
            throw new DatabaseUnavailableException(Reason.OTHER, "Cannot create the folder " + folder + " for the database file ("
                    + e + "). Create it, or give the account running Syncline the right to, and start again.", e);
        }
    }

    /**
     * Checks the schema of the database and creates or upgrades it, connecting directly (not through
     * the pool: the driver's own error says best what is wrong).
     *
     * @return whether Liquibase ran (the schema was not current)
     */
    private static boolean migrate(DataSource direct, DatabaseProfile profile) {
        SchemaMigrator migrator = new SchemaMigrator();
        try (Connection connection = firstConnection(direct, profile)) {
            Collection<String> unknown = migrator.checkAndMigrate(connection);
            if (!unknown.isEmpty()) {
                throw new DatabaseUnavailableException(Reason.SCHEMA_TOO_NEW, "The database at " + profile.location()
                        + " was upgraded by a newer version of Syncline than this one (it has changes this program does not know: "
                        + String.join(", ", unknown) + "). Install the newer Syncline to use it.", null);
            }
        } catch (SQLException e) {
            throw ConnectionErrors.translate(e, profile);
        } catch (DatabaseException e) {
            throw e;
        } catch (Exception e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw ConnectionErrors.translate(sql, profile);
            }
            throw new DatabaseUnavailableException(Reason.OTHER, "The schema of the database at " + profile.location()
                    + " could not be created or upgraded: " + e.getMessage(), e);
        }
        return migrator.startedLiquibase();
    }

    /**
     * The first connection. An H2 file that another process is checking after a crash
     * ({@link H2FileRecovery}: up to a few seconds for a large file) is locked without a server to
     * connect to, and H2 refuses it at once (error 90020, "Database may be already in use"): it is
     * tried again for up to {@value #RECOVERY_WAIT_MILLIS} ms, then that refusal is reported.
     */
    private static Connection firstConnection(DataSource direct, DatabaseProfile profile) throws SQLException {
        long deadline = System.nanoTime() + RECOVERY_WAIT_MILLIS * 1_000_000L;
        while (true) {
            try {
                return direct.getConnection();
            } catch (SQLException e) {
                if (profile.kind() != DatabaseKind.H2_FILE || e.getErrorCode() != H2_FILE_IN_USE || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The factory the reader thread built; its failure (a mapper that does not parse: a bug) rethrown. */
    private static SqlSessionFactory await(FutureTask<SqlSessionFactory> sessions) {
        try {
            return sessions.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while opening the database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A connection to this database (from the pool, for a server), for upkeep the stores do not do
     * (an engine keeping its H2 file compact); the caller closes it.
     */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Machines, jobs, schedules, monitors, schedulers and users. */
    public CatalogStore catalog() {
        return new CatalogStore(sessions);
    }

    /** Run history and per-file logs. */
    public RunStore runs() {
        return new RunStore(sessions);
    }

    /** Last synchronized states of the files of job paths. */
    public ReplicaStateStore replicaStates() {
        return new ReplicaStateStore(sessions);
    }

    /** Leases that let one process at a time run a job. */
    public JobLeaseStore jobLeases() {
        return new JobLeaseStore(sessions);
    }

    /**
     * Queries the database now and reports the database product and the schema version: the identifier of the
     * last schema change applied. For health reports.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached any more
     */
    public DatabaseStatus status() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted DESC")) {
            DatabaseMetaData meta = connection.getMetaData();
            return new DatabaseStatus(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(),
                    last.next() ? last.getString(1) : "none");
        } catch (SQLException e) {
            throw ConnectionErrors.translate(e, profile);
        }
    }

    /**
     * Closes the connections this process keeps open to the database server (waiting for those in
     * use to be returned); the stores handed out cannot be used afterwards. Nothing to do for an
     * embedded H2 file, which stays open until the process ends.
     */
    @Override
    public void close() {
        close(dataSource);
    }

    private static void close(DataSource dataSource) {
        if (dataSource instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                LOG.warn("Could not close the connections to the database: {}", e.toString());
            }
        }
    }

    /** The profile this database was opened with. */
    public DatabaseProfile profile() {
        return profile;
    }

    /**
     * Whether opening it created or upgraded the schema (the schema was not current): a process
     * that did so ran code that later openings of the same database do not.
     */
    public boolean schemaChangedOnOpen() {
        return schemaChanged;
    }

    private static SQLException sqlCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
