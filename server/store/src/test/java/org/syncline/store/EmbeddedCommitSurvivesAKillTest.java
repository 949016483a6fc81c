package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.Databases;
import org.syncline.persistence.tests.EmbeddedH2;

/**
 * A commit to the embedded database is kept when the process that made it is killed right after:
 * H2 on its own writes commits up to half a second later, and lost them (a job saved in the
 * workbench, a run's history, a claim).
 */
class EmbeddedCommitSurvivesAKillTest {

    @TempDir
    Path folder;

    private DatabaseProfile profile() {
        return DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key"));
    }

    @AfterEach
    void shutDownTheEmbeddedDatabase() throws SQLException {
        EmbeddedH2.shutDown(profile());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a lost commit can leave the schema lock taken: the open would wait
    void aJobSavedJustBeforeASigkillIsThereAfterwards() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveThenWait.class.getName(),
                folder.resolve("db").resolve("syncline").toString(), folder.resolve("secret.key").toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals(SaveThenWait.SAVED));
            assertEquals(SaveThenWait.SAVED, line, "the child did not save the job");
            child.destroyForcibly();
            child.waitFor();
        }

        SynclineDatabase database = Databases.open(profile());
        assertTrue(database.catalog().loadJob("Saved before the kill").isPresent(), "the committed job was lost");
    }

    /** The child: saves a job, says so, and waits to be killed. */
    static final class SaveThenWait {

        static final String SAVED = "saved";

        public static void main(String[] args) throws Exception {
            SynclineDatabase database = Databases.open(DatabaseProfile.h2File(Path.of(args[0]), Path.of(args[1])));
            database.catalog().save(JobCatalogContract.localJob("Saved before the kill", "/srv/a", "/srv/b"));
            System.out.println(SAVED);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
