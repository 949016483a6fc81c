package org.syncline.persistence.internal;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Creates and upgrades the Syncline schema with the Liquibase changelog inside this bundle
 * (through {@link LiquibaseChangelog}, so that opening a current database loads no Liquibase class).
 *
 * <p>Liquibase's lock table serializes processes: when several engines start at once on an empty
 * database, one migrates and the others wait, then find nothing left to do. Two processes may
 * still race to create Liquibase's own tables on an empty database; the loser's attempt fails and
 * is retried once those tables exist. Within one JVM, Liquibase keeps per-database state in
 * shared singletons (two connections to the same URL share one lock service), so migrations in
 * one JVM are additionally serialized by a plain lock.
 */
public final class SchemaMigrator {

    /** The changelog, a resource of this bundle. */
    public static final String CHANGELOG = "db/changelog/syncline.xml";

    /** Tag of the first released schema; kept so that upgrades from it can be tested. */
    public static final String FIRST_SCHEMA_TAG = "schema-1";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /**
     * The last change of this program's changelog, and how many changes it has. A database whose
     * history holds exactly these is current and is opened without starting Liquibase, which
     * costs about a second of every short command. {@code SchemaMigratorTest} keeps both equal
     * to the changelog: update them with every new change set.
     */
    public static final String HEAD_CHANGE = "11-state-generation";
    public static final int CHANGE_COUNT = 52;

    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final int ATTEMPTS = 3;

    private volatile boolean startedLiquibase;

    /** Applies every change not yet applied. Does not close {@code connection}. */
    public void migrate(Connection connection) throws Exception {
        checkAndMigrate(connection);
    }

    /**
     * Applies every change not yet applied, unless the database has changes this program does not
     * know (a newer Syncline upgraded it): then changes nothing and returns their identifiers.
     * Does not close {@code connection}.
     */
    public Collection<String> checkAndMigrate(Connection connection) throws Exception {
        IN_THIS_JVM.lock();
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    if (isCurrent(connection)) {
                        return List.of();
                    }
                    Collection<String> unknown = unknownChanges(connection);
                    if (unknown.isEmpty()) {
                        LiquibaseChangelog.update(connection, null);
                    }
                    return unknown;
                } catch (Exception e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn("Creating or upgrading the schema failed ({}); another process may be doing the same. Trying again.", e.getMessage());
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    Thread.sleep(500L * attempt);
                }
            }
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /**
     * Whether the database's change history is exactly this program's changelog, read with one
     * query. False when the history table is missing or differs in any way: then Liquibase
     * decides what to do.
     */
    private static boolean isCurrent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*), SUM(CASE WHEN ID = '"
                        + HEAD_CHANGE + "' THEN 1 ELSE 0 END) FROM DATABASECHANGELOG")) {
            return result.next() && result.getInt(1) == CHANGE_COUNT && result.getInt(2) == 1;
        } catch (SQLException e) {
            LOG.debug("No current change history ({}); Liquibase checks the schema", e.getMessage());
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        }
    }

    /**
     * Whether this migrator has started Liquibase: to create, upgrade or inspect a schema that was
     * not found current. A current database is opened without it.
     */
    public boolean startedLiquibase() {
        return startedLiquibase;
    }

    /** The identifiers of the changelog's change sets, in order, read without a database. */
    public List<String> changeIds() throws Exception {
        return LiquibaseChangelog.changeIds();
    }

    /** Applies the changes up to and including {@code tag}: to build old schemas in tests. */
    public void migrateTo(Connection connection, String tag) throws Exception {
        IN_THIS_JVM.lock();
        try {
            startedLiquibase = true;
            LiquibaseChangelog.update(connection, tag);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /**
     * The identifiers of changes applied to the database that this program does not know: a newer
     * Syncline upgraded the schema. Empty when the schema is this program's or older.
     */
    public Collection<String> unknownChanges(Connection connection) throws Exception {
        startedLiquibase = true;
        return LiquibaseChangelog.unexpectedChanges(connection);
    }

    /**
     * Writes the SQL that would create the schema on an empty database of the given Liquibase
     * short name (e.g. {@code mssql}), without connecting to one. Liquibase keeps the history of
     * such an offline database in a CSV file: a new temporary one is used and deleted, so each call
     * writes the whole schema.
     */
    public void writeOfflineSql(String databaseShortName, Writer output) throws Exception {
        Path history = Files.createTempFile("syncline-offline-", ".csv");
        Files.delete(history);
        try {
            LiquibaseChangelog.writeOfflineSql(databaseShortName, history, output);
        } finally {
            Files.deleteIfExists(history);
        }
    }
}
