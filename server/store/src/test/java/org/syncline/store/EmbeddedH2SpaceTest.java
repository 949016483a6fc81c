package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.persistence.tests.H2Churn.churn;
import static org.syncline.persistence.tests.H2Churn.info;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.persistence.tests.H2Churn;

/**
 * A command serving the embedded H2 file itself has it written at its end only (H2's reuse of free
 * space turned off: a process killed while H2 wrote into free space could lose its last commits, see
 * {@link H2FileCompaction}) and gives back, when it opens the file, the space earlier commands left
 * behind; an engine keeps H2's reuse. Real H2 files.
 */
class EmbeddedH2SpaceTest {

    @TempDir
    Path folder;

    private DatabaseProfile profile;

    @AfterEach
    void shutDown() throws SQLException {
        EmbeddedH2.shutDown(profile);
    }

    @Test
    void aCommandWritesAtTheFilesEndAndTheNextCommandGivesTheSpaceLeftBehindBack() throws Exception {
        DatabaseSettings settings = settings();
        SynclineDatabase first = DatabaseJobStorageProvider.openDatabase(settings, true);
        assertFalse(reusesSpace(first), "a command's commits never go into free space");
        churn(first);
        long live = info(first, "CHUNKS_FILL_RATE");
        long size = info(first, "FILE_SIZE");
        assertTrue(live < H2FileCompaction.TARGET_FILL_PERCENT, "the churn left the chunks sparse: " + live + "%");

        SynclineDatabase next = DatabaseJobStorageProvider.openDatabase(settings, true);
        try {
            long liveAfter = info(next, "CHUNKS_FILL_RATE");
            long usedAfter = info(next, "FILL_RATE");
            long sizeAfter = info(next, "FILE_SIZE");
            assertTrue(liveAfter >= H2FileCompaction.TARGET_FILL_PERCENT && usedAfter >= H2FileCompaction.TARGET_FILL_PERCENT
                    && sizeAfter < size, "compacted when opened: " + live + "% live, " + size + " bytes before; "
                    + liveAfter + "% live, " + usedAfter + "% used, " + sizeAfter + " bytes after");
            assertTrue(H2Churn.intact(next), "every row there as last written");
            assertFalse(reusesSpace(next), "and commits still never go into free space");
        } finally {
            next.close();
            first.close();
        }
    }

    @Test
    void anEngineKeepsH2sReuseOfFreeSpace() throws Exception {
        SynclineDatabase database = DatabaseJobStorageProvider.openDatabase(settings(), false);
        try {
            assertTrue(reusesSpace(database), "written only at its end, an engine's file grows without bound under back-to-back runs");
        } finally {
            database.close();
        }
    }

    private DatabaseSettings settings() throws InvalidDatabaseSettingsException {
        DatabaseSettings settings = DatabaseSettings.of(folder, Map.of(DatabaseSettings.URL, "jdbc:h2:file:" + folder.resolve("db/syncline"),
                DatabaseSettings.KEY_FILE, folder.resolve("secret.key").toString()), "test");
        profile = settings.profile();
        return settings;
    }

    private static boolean reusesSpace(SynclineDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return H2FileCompaction.servedStore(connection).getFileStore().isSpaceReused();
        }
    }
}
