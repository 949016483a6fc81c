package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.JobLease;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.ContextResolver;
import org.syncline.persistence.tests.Databases;
import org.syncline.persistence.tests.PostgresCluster;
import org.syncline.sync.cli.SyncCommand;

/**
 * Two machines' runs of one job on a shared PostgreSQL, played by two processes: while a child
 * process holds the job, {@code syncline sync} refuses to run it and changes nothing; once the child
 * is killed (SIGKILL: it releases nothing), the job stays held until the child's lease expires on the
 * database's clock, and then the next run takes it over.
 */
@ExtendWith(ContextResolver.class)
class RunLeaseTakeOverTest {

    /** The child's lease, short for the test (the default is 30 seconds). */
    private static final int LEASE_SECONDS = 4;

    @TempDir
    Path folder;

    private Path profile;
    private SynclineDatabase database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void shareADatabase(ExtensionContext context) throws Exception {
        PostgresCluster cluster = PostgresCluster.get(context);
        String name = cluster.createDatabase();
        Path key = folder.resolve("secret.key");
        profile = cluster.writeProfile(name, folder.resolve("shared.properties"), key);
        database = Databases.open(DatabaseProfile.postgresql("127.0.0.1", cluster.port(), name,
                cluster.user(), cluster.password(), key));
    }

    @Test
    void aKilledRunHoldsTheJobUntilItsLeaseExpiresThenTheNextRunTakesItOver() throws Exception {
        Path a = Files.createDirectories(folder.resolve("a"));
        Path b = Files.createDirectories(folder.resolve("b"));
        Files.writeString(a.resolve("report.txt"), "report");
        Process child = holder("Shared");
        try {
            long childToken = awaitHolding(child);

            assertEquals(1, sync(a.toString(), b.toString(), "--job", "Shared"), out.toString());
            String refusal = err.toString();
            assertTrue(refusal.contains("syncline sync: job Shared is already running on ")
                    && refusal.contains(" (process " + child.pid() + ") since "), refusal);
            assertTrue(refusal.contains("; try again when it has finished") && refusal.contains("nothing was changed"),
                    refusal);
            assertFalse(Files.exists(b.resolve("report.txt")), "nothing was changed");
            assertTrue(database.catalog().load().getJobs().isEmpty(), "not even the job was saved");

            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            JobLease orphan = database.jobLeases().find("Shared").orElseThrow();
            assertTrue(orphan.held() && orphan.holder().contains("(process " + child.pid() + ")"),
                    "the killed run still holds the job: " + orphan);
            assertEquals(childToken, orphan.token());

            Thread.sleep(Duration.between(orphan.now(), orphan.expiresAt()).toMillis() + 500);
            err.getBuffer().setLength(0);
            assertEquals(0, sync(a.toString(), b.toString(), "--job", "Shared"), err.toString());
            assertEquals("report", Files.readString(b.resolve("report.txt")));
            JobLease after = database.jobLeases().find("Shared").orElseThrow();
            assertEquals(childToken + 1, after.token(), "taken over with the next fencing token");
            assertFalse(after.held(), "and released when the run ended");
        } finally {
            child.destroyForcibly();
        }
    }

    /** Starts a process that claims {@code job} with a short lease and holds it until killed. */
    private Process holder(String job) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-D" + DatabaseJobStorageProvider.RUN_LEASE_PROPERTY + "=" + LEASE_SECONDS,
                "-cp", System.getProperty("java.class.path"), LeaseHolder.class.getName(), profile.toString(), job)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Waits for the child's claim; returns its fencing token. */
    private static long awaitHolding(Process child) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("holding ")) {
                return Long.parseLong(line.substring("holding ".length()));
            }
        }
        assertNotNull(null, "the child ended without claiming the job, exit code " + child.exitValue());
        return -1;
    }

    private int sync(String... args) {
        return ProfileCommand.execute(SyncCommand.commandLine(), profile, out, err, args);
    }
}
