package org.syncline.persistence.internal;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Creates and upgrades the Syncline schema with the Liquibase changelog inside this bundle.
 *
 * <p>Liquibase's lock table serializes processes: when several engines start at once on an empty
 * database, one migrates and the others wait, then find nothing left to do. Two processes may
 * still race to create Liquibase's own tables on an empty database; the loser's attempt fails and
 * is retried once those tables exist. Within one JVM, Liquibase keeps per-database state in
 * shared singletons (two connections to the same URL share one lock service), so migrations in
 * one JVM are additionally serialized by a plain lock. Liquibase finds its
 * services through the thread's context class loader, so every call runs with it set to
 * Liquibase's own loader and restored afterwards. Output that Liquibase would print to the console
 * goes to the log instead.
 */
public final class SchemaMigrator {

    /** The changelog, a resource of this bundle. */
    public static final String CHANGELOG = "db/changelog/syncline.xml";

    /** Tag of the first released schema; kept so that upgrades from it can be tested. */
    public static final String FIRST_SCHEMA_TAG = "schema-1";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final ResourceAccessor changelogs = new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader());

    /**
     * The last change of this program's changelog, and how many changes it has. A database whose
     * history holds exactly these is current and is opened without starting Liquibase, which
     * costs about a second of every short command. {@code SchemaMigratorTest} keeps both equal
     * to the changelog: update them with every new change set.
     */
    public static final String HEAD_CHANGE = "7-replica-state-parent-index-drop";
    public static final int CHANGE_COUNT = 48;

    /** Liquibase settings for every call: its console output (the update summary) goes to the log. */
    private static final Map<String, Object> QUIET = Map.of(
            Scope.Attr.ui.name(), new LoggerUIService(),
            "liquibase.command.showSummaryOutput", "LOG");

    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final int ATTEMPTS = 3;

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
                        withLiquibase(connection, liquibase -> liquibase.update(new Contexts(), new LabelExpression()));
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

    /** The identifiers of the changelog's change sets, in order, read without a database. */
    public List<String> changeIds() throws Exception {
        List<String> ids = new ArrayList<>();
        withContextClassLoader(() -> Scope.child(QUIET, () -> {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new OfflineConnection("offline:h2", changelogs));
            new Liquibase(CHANGELOG, changelogs, database).getDatabaseChangeLog().getChangeSets()
                    .forEach(change -> ids.add(change.getId()));
        }));
        return ids;
    }

    /** Applies the changes up to and including {@code tag}: to build old schemas in tests. */
    public void migrateTo(Connection connection, String tag) throws Exception {
        IN_THIS_JVM.lock();
        try {
            withLiquibase(connection, liquibase -> liquibase.update(tag, new Contexts(), new LabelExpression()));
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /**
     * The identifiers of changes applied to the database that this program does not know: a newer
     * Syncline upgraded the schema. Empty when the schema is this program's or older.
     */
    public Collection<String> unknownChanges(Connection connection) throws Exception {
        List<String> unknown = new ArrayList<>();
        withLiquibase(connection, liquibase -> {
            for (RanChangeSet change : liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression())) {
                unknown.add(change.getId() + " by " + change.getAuthor());
            }
        });
        return unknown;
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
            withContextClassLoader(() -> Scope.child(QUIET, () -> {
                String url = "offline:" + databaseShortName + "?changeLogFile=" + history.toAbsolutePath();
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new OfflineConnection(url, changelogs));
                new Liquibase(CHANGELOG, changelogs, database).update(new Contexts(), new LabelExpression(), output);
            }));
        } finally {
            Files.deleteIfExists(history);
        }
    }

    private interface LiquibaseAction {
        void run(Liquibase liquibase) throws Exception;
    }

    private void withLiquibase(Connection connection, LiquibaseAction action) throws Exception {
        withContextClassLoader(() -> Scope.child(QUIET, () -> {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            LOG.debug("Checking the Syncline schema on {}", database.getDatabaseProductName());
            action.run(new Liquibase(CHANGELOG, changelogs, database));
        }));
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void withContextClassLoader(Work work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Liquibase.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
