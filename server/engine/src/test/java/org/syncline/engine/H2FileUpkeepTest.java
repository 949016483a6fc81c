package org.syncline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.EmbeddedH2;

/**
 * The engine's upkeep of its H2 file on a real database: rows rewritten again and again, each
 * change committed (as runs do), leave the file's chunks mostly dead until the upkeep rewrites them.
 * H2 leaves chunks younger than its retention time (45 s by default) alone; the tests set it to 0
 * so that the chunks they write count at once.
 */
class H2FileUpkeepTest {

    @TempDir
    Path folder;

    private DatabaseProfile profile;

    @AfterEach
    void shutDown() throws SQLException {
        EmbeddedH2.shutDown(profile);
    }

    @Test
    void compactsASparseFileUntilMostOfItIsLiveAndUsedAndThenLeavesItAlone() throws Exception {
        profile = DatabaseProfile.h2File(folder.resolve("syncline"), folder.resolve("secret.key"));
        SynclineDatabase database = SynclineDatabase.open(profile);
        churn(database);
        int before = chunksFillPercent(database);
        assertTrue(before < H2FileUpkeep.TARGET_FILL_PERCENT, "the churn left the chunks sparse: " + before + "%");
        long fileUsed = info(database, "FILL_RATE");
        long size = info(database, "FILE_SIZE");
        assertTrue(fileUsed < H2FileUpkeep.TARGET_FILL_PERCENT, "the churn left free space in the file: " + fileUsed + "% used");

        H2FileUpkeep upkeep = new H2FileUpkeep(database);
        assertTrue(upkeep.compact() > 0, "a sparse file is compacted");
        int after = chunksFillPercent(database);
        assertTrue(after >= H2FileUpkeep.TARGET_FILL_PERCENT, "live after the upkeep: " + after + "% (before: " + before + "%)");
        long fileUsedAfter = info(database, "FILL_RATE");
        long sizeAfter = info(database, "FILE_SIZE");
        assertTrue(fileUsedAfter >= H2FileUpkeep.TARGET_FILL_PERCENT && sizeAfter < size,
                "the free space given back: " + fileUsed + "% of " + size + " bytes used before, " + fileUsedAfter + "% of "
                        + sizeAfter + " after");
        assertEquals(0, upkeep.compact(), "a dense file is left alone");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(version) FROM churn")) {
            rows.next();
            assertEquals(ROWS, rows.getInt(1), "no row lost");
            assertEquals((long) ROWS * ROUNDS, rows.getLong(2), "every row as last written");
        }
    }

    @Test
    void theEngineDatabaseKeepsItsFileCompactWhileStarted() throws Exception {
        profile = DatabaseProfile.h2File(folder.resolve("syncline"), folder.resolve("secret.key"));
        EngineDatabase engineDatabase = new EngineDatabase(profile, 0, Duration.ofMillis(200));
        engineDatabase.start();
        try {
            SynclineDatabase database = engineDatabase.database();
            churn(database);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int live = chunksFillPercent(database);
            long used = info(database, "FILL_RATE");
            while ((live < H2FileUpkeep.TARGET_FILL_PERCENT || used < H2FileUpkeep.TARGET_FILL_PERCENT)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                live = chunksFillPercent(database);
                used = info(database, "FILL_RATE");
            }
            assertTrue(live >= H2FileUpkeep.TARGET_FILL_PERCENT && used >= H2FileUpkeep.TARGET_FILL_PERCENT,
                    "the upkeep compacted the file on its own: " + live + "% of its chunks live, " + used + "% of it used");
        } finally {
            engineDatabase.stop();
        }
    }

    @Test
    void aDatabaseServedByAnotherProcessIsLeftToIt() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", folder.resolve("server").toString()).start();
        try {
            DatabaseProfile remote = DatabaseProfile.h2Server("127.0.0.1", server.getPort(), "syncline", "sa",
                    Secret.of("h2-server-password"), folder.resolve("secret.key"));
            SynclineDatabase database = SynclineDatabase.open(remote);
            churn(database);
            assertEquals(0, new H2FileUpkeep(database).compact());
        } finally {
            server.stop();
        }
    }

    private static final int ROWS = 2_000;
    private static final int ROUNDS = 20;

    /** Writes {@value #ROWS} rows, then rewrites each of them {@value #ROUNDS} times, committing every 100. */
    private static void churn(SynclineDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET RETENTION_TIME 0");
                statement.execute("CREATE TABLE churn (id INT PRIMARY KEY, version INT NOT NULL, content VARCHAR(400) NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO churn VALUES (?, 0, '')")) {
                for (int id = 0; id < ROWS; id++) {
                    insert.setInt(1, id);
                    insert.executeUpdate();
                }
            }
            connection.commit();
            try (PreparedStatement update = connection.prepareStatement("UPDATE churn SET version = ?, content = ? WHERE id = ?")) {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int id = 0; id < ROWS; id++) {
                        update.setInt(1, round);
                        update.setString(2, ("round " + round + " of row " + id + " ").repeat(10));
                        update.setInt(3, id);
                        update.executeUpdate();
                        if (id % 100 == 99) {
                            connection.commit();
                        }
                    }
                }
            }
            connection.commit();
        }
    }

    private static int chunksFillPercent(SynclineDatabase database) throws SQLException {
        return (int) info(database, "CHUNKS_FILL_RATE");
    }

    /** One of the figures H2 reports on its file ({@code info.NAME}). */
    private static long info(SynclineDatabase database, String name) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
            query.setString(1, "info." + name);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "H2 reports info." + name);
                return Long.parseLong(rows.getString(1));
            }
        }
    }
}
