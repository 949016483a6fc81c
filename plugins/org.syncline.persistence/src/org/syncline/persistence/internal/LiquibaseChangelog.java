package org.syncline.persistence.internal;

import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
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
 * Every use of Liquibase by {@link SchemaMigrator}, which calls it only when a database's schema
 * is not current: a command that opens a current database loads none of Liquibase's classes.
 * Liquibase finds its services through the thread's context class loader, so every call runs with
 * it set to Liquibase's own loader and restored afterwards. Output that Liquibase would print to
 * the console goes to the log instead.
 */
final class LiquibaseChangelog {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseChangelog.class);

    private LiquibaseChangelog() {
    }

    /** Applies every change not yet applied, or those up to and including {@code tag} when given. */
    static void update(Connection connection, String tag) throws Exception {
        withLiquibase(connection, liquibase -> {
            if (tag == null) {
                liquibase.update(new Contexts(), new LabelExpression());
            } else {
                liquibase.update(tag, new Contexts(), new LabelExpression());
            }
        });
    }

    /** The changes applied to the database that the changelog does not have, as "id by author". */
    static List<String> unexpectedChanges(Connection connection) throws Exception {
        List<String> unknown = new ArrayList<>();
        withLiquibase(connection, liquibase -> {
            for (RanChangeSet change : liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression())) {
                unknown.add(change.getId() + " by " + change.getAuthor());
            }
        });
        return unknown;
    }

    /** The identifiers of the changelog's change sets, in order, read without a database. */
    static List<String> changeIds() throws Exception {
        List<String> ids = new ArrayList<>();
        withContextClassLoader(() -> Scope.child(quiet(), () -> {
            ResourceAccessor changelogs = changelogs();
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new OfflineConnection("offline:h2", changelogs));
            new Liquibase(SchemaMigrator.CHANGELOG, changelogs, database).getDatabaseChangeLog().getChangeSets()
                    .forEach(change -> ids.add(change.getId()));
        }));
        return ids;
    }

    /**
     * Writes the SQL that creates the schema on a database of the given Liquibase short name,
     * offline, with {@code history} (a file that does not exist yet) as the offline database's history.
     */
    static void writeOfflineSql(String databaseShortName, Path history, Writer output) throws Exception {
        withContextClassLoader(() -> Scope.child(quiet(), () -> {
            ResourceAccessor changelogs = changelogs();
            String url = "offline:" + databaseShortName + "?changeLogFile=" + history.toAbsolutePath();
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new OfflineConnection(url, changelogs));
            new Liquibase(SchemaMigrator.CHANGELOG, changelogs, database).update(new Contexts(), new LabelExpression(), output);
        }));
    }

    private static ResourceAccessor changelogs() {
        return new ClassLoaderResourceAccessor(LiquibaseChangelog.class.getClassLoader());
    }

    /** Liquibase settings for every call: its console output (the update summary) goes to the log. */
    private static Map<String, Object> quiet() {
        return Map.of(Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.command.showSummaryOutput", "LOG");
    }

    private interface LiquibaseAction {
        void run(Liquibase liquibase) throws Exception;
    }

    private static void withLiquibase(Connection connection, LiquibaseAction action) throws Exception {
        withContextClassLoader(() -> Scope.child(quiet(), () -> {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            LOG.debug("Checking the Syncline schema on {}", database.getDatabaseProductName());
            action.run(new Liquibase(SchemaMigrator.CHANGELOG, changelogs(), database));
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
