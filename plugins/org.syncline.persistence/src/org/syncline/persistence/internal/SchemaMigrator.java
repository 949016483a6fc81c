package org.syncline.persistence.internal;

import java.io.Writer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
 * database, one migrates and the others wait, then find nothing left to do. Liquibase finds its
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

    /** Applies every change not yet applied. Does not close {@code connection}. */
    public void migrate(Connection connection) throws Exception {
        withLiquibase(connection, liquibase -> liquibase.update(new Contexts(), new LabelExpression()));
    }

    /** Applies the changes up to and including {@code tag}: to build old schemas in tests. */
    public void migrateTo(Connection connection, String tag) throws Exception {
        withLiquibase(connection, liquibase -> liquibase.update(tag, new Contexts(), new LabelExpression()));
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
     * short name (e.g. {@code mssql}), without connecting to one.
     */
    public void writeOfflineSql(String databaseShortName, Writer output) throws Exception {
        withContextClassLoader(() -> Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new OfflineConnection("offline:" + databaseShortName, changelogs));
            new Liquibase(CHANGELOG, changelogs, database).update(new Contexts(), new LabelExpression(), output);
        }));
    }

    private interface LiquibaseAction {
        void run(Liquibase liquibase) throws Exception;
    }

    private void withLiquibase(Connection connection, LiquibaseAction action) throws Exception {
        withContextClassLoader(() -> Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
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
