package org.syncline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.sync.cli.EngineAccess;
import org.syncline.sync.cli.SyncCommand;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.replica.ChangeJournals;
import picocli.CommandLine;
import org.syncline.sync.cli.EngineClient;
import org.syncline.sync.cli.EngineUnavailableException;

/** {@code syncline sync --engine}'s exchange with a real engine: real HTTP, database and folders. */
class EngineSyncTest {

    @TempDir
    Path folder;

    private Path accessFile;
    private DatabaseProfile database;
    private EngineDatabase engineDatabase;
    private EngineServer engine;

    @BeforeEach
    void start() throws Exception {
        accessFile = EngineAccess.file(folder.resolve("home"));
        database = DatabaseProfile.h2File(folder.resolve("db/syncline"), folder.resolve("db/secret.key"));
        engineDatabase = new EngineDatabase(database);
        engine = new EngineServer(new EngineSettings("engine-a", "127.0.0.1", 0, "test", Duration.ofSeconds(20), accessFile),
                engineDatabase);
        engine.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.stop();
        EmbeddedH2.shutDown(database);
    }

    @Test
    void runsACommandLineInTheCallersFolderAndRelaysItsOutputAndExitCode() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a/sub"));
        Files.writeString(work.resolve("a/sub/report.txt"), "quarterly figures");
        Files.createDirectories(work.resolve("b"));
        Files.writeString(work.resolve("b/stale.txt"), "removed by the mirror");

        Outcome outcome = sync(work, "a", "b", "--job", "reports");

        assertEquals(0, outcome.exit(), outcome.toString());
        assertEquals("quarterly figures", Files.readString(work.resolve("b/sub/report.txt")));
        assertFalse(Files.exists(work.resolve("b/stale.txt")));
        assertTrue(outcome.out().contains("Number of files copied: 1"), outcome.toString());
        assertTrue(outcome.out().contains("Result: completed"), outcome.toString());

        Outcome again = sync(work, "--job", "reports");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("Number of files copied: 0"), "the job and its state were saved: " + again);
        assertEquals(0, engine.runs().inProgress());
    }

    @Test
    void theEngineRemembersUnchangedFoldersAndSeesWhatChangedSince() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        for (int i = 0; i < 4; i++) {
            Files.createDirectories(work.resolve("a/dept" + i));
            Files.writeString(work.resolve("a/dept" + i + "/plan.txt"), "plan " + i);
        }
        assertEquals(0, sync(work, "a", "b", "--job", "depts").exit());
        Outcome unchanged = sync(work, "--job", "depts");
        assertTrue(unchanged.out().contains("Number of files copied: 0"), unchanged.toString());
        assertTrue(unchanged.out().contains(work.resolve("a").toRealPath() + ": 0 listed"), unchanged.toString());

        // Changed by another program between two runs: seen at once by the next run.
        Files.writeString(work.resolve("a/dept2/plan.txt"), "plan 2, revised");
        Files.delete(work.resolve("a/dept3/plan.txt"));
        Files.writeString(work.resolve("b/dept1/plan.txt"), "edited on the mirror");
        Outcome changed = sync(work, "--job", "depts");

        assertEquals(0, changed.exit(), changed.toString());
        assertTrue(changed.out().contains("Number of files copied: 2"), changed.toString());
        assertEquals("plan 2, revised", Files.readString(work.resolve("b/dept2/plan.txt")));
        assertEquals("plan 1", Files.readString(work.resolve("b/dept1/plan.txt")));
        assertFalse(Files.exists(work.resolve("b/dept3/plan.txt")));
        assertTrue(changed.out().contains(work.resolve("a").toRealPath() + ": 0 listed, 3 with changed names read, 2 unchanged"),
                changed.toString());
        ChangeJournals.Status journals = engine.runs().journals();
        assertEquals(2, journals.trees(), "a and b: " + journals);
        assertEquals(10, journals.watchedFolders(), "a, b and their four folders each: " + journals);
        // a: four folders, three files; b as the last run listed it, before it deleted dept3's file: four and four.
        assertEquals(15, journals.rememberedEntries(), journals.toString());
        assertEquals(null, journals.scannedInFullBecause());
    }

    @Test
    void theEngineRemembersWhatItCopiedAndRenamesAFolderRenamedSince() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a/2025"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(work.resolve("a/2025/report" + i + ".txt"), "report " + i + " " + "r".repeat(100 * i));
        }
        Thread.sleep(1_100); // the files' change times settle: the copies then note the hashes they read
        assertEquals(0, sync(work, "a", "b", "--job", "reports").exit());
        assertEquals(4, engine.runs().journals().rememberedHashes(), engine.runs().journals().toString());

        Files.move(work.resolve("a/2025"), work.resolve("a/2025-closed"));
        Outcome moved = sync(work, "--job", "reports");

        assertEquals(0, moved.exit(), moved.toString());
        assertTrue(moved.out().contains("Number of files moved: 4"), moved.toString());
        assertTrue(moved.out().contains("Number of files copied: 0"), moved.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals("report " + i + " " + "r".repeat(100 * i),
                    Files.readString(work.resolve("b/2025-closed/report" + i + ".txt")));
        }
        assertFalse(Files.exists(work.resolve("b/2025")));
    }

    @Test
    void theEngineKeepsAJobsSavedStateBetweenRunsAndReadsItAgainAfterAnotherWriter() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a/x"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(work.resolve("a/x/file" + i + ".txt"), "file " + i);
        }
        Files.writeString(work.resolve("a/top.txt"), "top");
        assertEquals(0, sync(work, "a", "b", "--job", "kept").exit());
        DatabaseHealth.KeptStates first = engineDatabase.health().keptStates();
        assertEquals(List.of(2, 10L), List.of(first.paths(), first.rows()), first.toString());

        Files.writeString(work.resolve("a/x/new.txt"), "new");
        Outcome second = sync(work, "--job", "kept");
        assertEquals(0, second.exit(), second.toString());
        assertTrue(second.out().contains("Number of files copied: 1"), second.toString());
        DatabaseHealth.KeptStates afterSecond = engineDatabase.health().keptStates();
        assertEquals(first.foldersRead(), afterSecond.foldersRead(), "the second run read no state from the database");
        assertTrue(afterSecond.foldersServed() > first.foldersServed(), afterSecond.toString());
        assertEquals(12, afterSecond.rows(), "the second run's commit followed in memory");

        org.syncline.model.JobPath target = engineDatabase.database().catalog().loadJob("kept").orElseThrow().getPaths().get(1);
        assertTrue(engineDatabase.database().replicaStates().delete(target, "top.txt"));
        Outcome third = sync(work, "--job", "kept");
        assertEquals(0, third.exit(), third.toString());
        DatabaseHealth.KeptStates afterThird = engineDatabase.health().keptStates();
        assertTrue(afterThird.foldersRead() > afterSecond.foldersRead(), "a state changed by another writer is read again: "
                + afterThird);
        org.syncline.model.JobPath source = engineDatabase.database().catalog().loadJob("kept").orElseThrow().getPaths().get(0);
        assertEquals(engineDatabase.database().replicaStates().count(source) + engineDatabase.database().replicaStates().count(target),
                afterThird.rows(), "what is kept is the database's rows: " + afterThird);
    }

    @Test
    void theWholeCommandLineHandsItselfToTheEngineOfItsInstallation() throws Exception {
        assumeTrue(System.getenv("SYNCLINE_HOME") == null, "SYNCLINE_HOME would name another installation");
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a"));
        Files.writeString(work.resolve("a/report.txt"), "quarterly figures");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // As when SyncCommand runs without the launcher, which would start the small client instead.
        CommandLine command = SyncCommand.commandLine(new SyncCommand.Host(Optional::empty, work, new Cancellation(), false))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        System.setProperty("syncline.home", folder.resolve("home").toString());
        int exit;
        try {
            exit = command.execute("a", "--engine", "b", "--job", "handed-over");
        } finally {
            System.clearProperty("syncline.home");
        }

        assertEquals(0, exit, out + "\n" + err);
        assertEquals("quarterly figures", Files.readString(work.resolve("b/report.txt")), "the engine ran it in the caller's folder");
        assertTrue(out.toString().contains("Number of files copied: 1"), out.toString());
        assertTrue(sync(work, "--job", "handed-over").out().contains("Number of files copied: 0"),
                "the engine saved the job and its state in its database");
    }

    @Test
    void theCommandsOwnErrorsComeBackWithItsExitCode() throws Exception {
        Outcome outcome = sync(folder, "missing-a", "missing-b");

        assertEquals(2, outcome.exit(), outcome.toString());
        assertTrue(outcome.err().contains(folder.resolve("missing-a") + " does not exist or is not a folder; nothing was changed"),
                outcome.toString());
    }

    @Test
    void aWrongTokenIsRefusedAndChangesNothing() throws Exception {
        Files.createDirectories(folder.resolve("a"));
        Files.writeString(folder.resolve("a/file.txt"), "x");
        EngineAccess real = EngineAccess.read(accessFile);
        EngineAccess forged = new EngineAccess(real.api(), real.token() + "x", real.pid());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = new EngineClient(forged).run(List.of("a", "b"), folder, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("refused the run"), err.toString());
        assertTrue(err.toString().contains("does not accept this installation's access token"), err.toString());
        assertFalse(Files.exists(folder.resolve("b")));
    }

    @Test
    void aWorkingFolderThatIsNotOneIsABadRequest() throws Exception {
        Outcome outcome = sync(folder.resolve("no-such-folder"), "a", "b");

        assertEquals(2, outcome.exit(), outcome.toString());
        assertTrue(outcome.err().contains("is not an absolute path of a folder on the engine's machine"), outcome.toString());
    }

    @Test
    void theAccessFileIsOnlyTheEnginesUsersAndGoesWhenTheEngineStops() throws Exception {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(accessFile)));
        EngineAccess access = EngineAccess.read(accessFile);
        assertEquals(engine.port(), access.api().getPort());

        engine.stop();

        assertFalse(Files.exists(accessFile));
        EngineUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(EngineUnavailableException.class,
                () -> EngineAccess.read(accessFile));
        assertTrue(e.getMessage().startsWith("no engine of this installation is running"), e.getMessage());
        StringWriter err = new StringWriter();
        int exit = new EngineClient(access).run(List.of("a", "b"), folder, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(2, exit);
        assertTrue(err.toString().contains("does not answer"), err.toString());
    }

    @Test
    void stoppingTheEngineCancelsARunInProgressAndLeavesNoPartialFile() throws Exception {
        Path work = bigFile();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> sync(work, "a", "b", "--parallel", "1"));
        awaitRuns(1);

        engine.stop();

        Outcome outcome = running.get(60, TimeUnit.SECONDS);
        assertEquals(1, outcome.exit(), outcome.toString());
        assertTrue(outcome.out().contains("Run cancelled"), outcome.toString());
        assertNoPartialFile(work.resolve("b"));
    }

    @Test
    void aCallerThatGoesAwayCancelsItsRun() throws Exception {
        // A run that would take a minute: its one copy fails in a read-only folder of the target and is retried 60
        // times (a read-only target as a whole would fail at once, without retries).
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a/archive"));
        Files.writeString(work.resolve("a/archive/report.txt"), "figures");
        Path target = Files.createDirectories(work.resolve("b/archive"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", target.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a read-only tmpfs here (needs root): " + said);
        try {
            EngineAccess access = EngineAccess.read(accessFile);
            String form = "cwd=" + URLEncoder.encode(work.toString(), StandardCharsets.UTF_8)
                    + "&arg=a&arg=b&arg=--retries&arg=60&arg=--retry-delay&arg=1";
            long started;
            try (Socket socket = new Socket("127.0.0.1", access.api().getPort())) {
                OutputStream request = socket.getOutputStream();
                request.write(("POST /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + access.token()
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                        + "\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII));
                request.flush();
                InputStream answer = socket.getInputStream();
                byte[] status = answer.readNBytes("HTTP/1.1 200".length());
                assertEquals("HTTP/1.1 200", new String(status, StandardCharsets.US_ASCII));
                awaitRuns(1);
                started = System.nanoTime();
            }

            awaitRuns(0);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30,
                    "the run stopped when its caller went away, long before its retries were used up");
        } finally {
            new ProcessBuilder("umount", "-l", target.toString()).inheritIO().start().waitFor();
        }
    }

    /** Folders a (holding one 3 GiB sparse file, slow to copy and verify) and b. */
    private Path bigFile() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        Files.createDirectories(work.resolve("a"));
        Files.createDirectories(work.resolve("b"));
        try (RandomAccessFile file = new RandomAccessFile(work.resolve("a/big.bin").toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        return work;
    }

    private void awaitRuns(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.runs().inProgress() != count) {
            assertTrue(System.nanoTime() < deadline, "runs in progress: " + engine.runs().inProgress() + ", waiting for " + count);
            Thread.sleep(10);
        }
    }

    private static void assertNoPartialFile(Path target) throws Exception {
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(List.of(), left.toList(), "a cancelled copy leaves nothing behind");
        }
    }

    private Outcome sync(Path workingDirectory, String... arguments) {
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new EngineClient(EngineAccess.read(accessFile))
                    .run(List.of(arguments), workingDirectory, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Outcome(exit, out.toString(), err.toString());
        } catch (EngineUnavailableException e) {
            throw new AssertionError(e);
        }
    }

    private record Outcome(int exit, String out, String err) {
    }
}
