package org.syncline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.persistence.tests.H2Churn.churn;
import static org.syncline.persistence.tests.H2Churn.info;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.persistence.tests.H2Churn;

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
        assertTrue(H2Churn.intact(database), "every row there as last written");
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

    private static int chunksFillPercent(SynclineDatabase database) throws SQLException {
        return (int) info(database, "CHUNKS_FILL_RATE");
    }
}
