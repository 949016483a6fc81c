package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.internal.DataSources;

/** The persistence suite on a real PostgreSQL 15 cluster started by the tests. */
class PostgresPersistenceTest extends PersistenceContract {

    private PostgresCluster cluster;

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) throws Exception {
        cluster = PostgresCluster.get(context);
        return DatabaseProfile.postgresql("127.0.0.1", cluster.port(), cluster.createDatabase(), cluster.user(), cluster.password(),
                folder.resolve("secret.key"));
    }

    @Test
    void connectionsToTheServerAreReusedAndClosedWithTheDatabase() throws Exception {
        SynclineDatabase database = Databases.open(profile);
        Set<Integer> serverProcesses = new HashSet<>();
        for (int call = 0; call < 20; call++) {
            database.catalog().load();
            serverProcesses.add(serverProcess(database));
        }
        assertEquals(1, serverProcesses.size(), "one connection served 40 calls made one after the other: " + serverProcesses);
        assertEquals(1, synclineConnections(), "the server shows the connection as Syncline's");

        database.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int left;
        while ((left = synclineConnections()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, left, "closing the database closes its connections");
    }

    @Test
    void connectionsEndedByAServerRestartAreReplacedUnnoticed() throws Exception {
        SynclineDatabase database = Databases.open(profile);
        database.catalog().load();
        int before = serverProcess(database);

        cluster.restart();

        database.catalog().load();
        assertEquals("PostgreSQL", database.status().product());
        assertNotEquals(before, serverProcess(database), "served by a new connection");
    }

    private static int serverProcess(SynclineDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    /** How many connections named as Syncline's the server has to this test's database. */
    private int synclineConnections() throws SQLException {
        return cluster.connections(profile.databaseName(), DataSources.APPLICATION_NAME);
    }
}
