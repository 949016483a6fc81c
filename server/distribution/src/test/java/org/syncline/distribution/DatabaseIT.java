package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Catalog;
import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.Rule;
import org.syncline.model.Run;
import org.syncline.model.RunOutcome;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.EmbeddedH2;

/**
 * The installed {@code syncline} keeps sync state and run history in the database, and refuses
 * to run on a database it cannot open: real child processes, a real H2 file.
 */
class DatabaseIT {

    private final Installation installation = new Installation();

    @TempDir
    Path dir;

    /** Embedded databases this JVM opened: shut down before the folder goes (H2 would re-create its lock file). */
    private final List<DatabaseProfile> opened = new ArrayList<>();

    @AfterEach
    void shutDownTheEmbeddedDatabases() throws SQLException {
        for (DatabaseProfile profile : opened) {
            EmbeddedH2.shutDown(profile);
        }
    }

    /** Opens the embedded database of the installation at {@code home} in this JVM, as the workbench would. */
    private SynclineDatabase open(Path home) {
        DatabaseProfile profile = DatabaseProfile.h2File(home.resolve("data/syncline"), home.resolve("conf/secret.key"));
        opened.add(profile);
        return SynclineDatabase.open(profile);
    }

    @Test
    void syncKeepsItsBaseInTheEmbeddedDatabaseSoASecondRunPropagatesADelete() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("one.txt"), "one");
        Files.writeString(b.resolve("two.txt"), "two");
        Path output = dir.resolve("sync.out");

        assertEquals(0, installation.runIn(home, output, "sync", a.toString(), b.toString(), "--rule", "MULTI_MIRROR",
                "--job", "it-multi"), () -> Installation.read(output));
        assertTrue(Files.exists(b.resolve("one.txt")) && Files.exists(a.resolve("two.txt")), Installation.read(output));
        assertTrue(Files.exists(home.resolve("data/syncline.mv.db")), "the embedded database is in $SYNCLINE_HOME/data");
        Files.delete(a.resolve("one.txt"));
        assertEquals(0, installation.runIn(home, output, "sync", a.toString(), b.toString(), "--rule", "MULTI_MIRROR",
                "--job", "it-multi"), () -> Installation.read(output));
        assertFalse(Files.exists(b.resolve("one.txt")),
                "the delete propagates only because the first run's state was stored: " + Installation.read(output));
        assertEquals(0, installation.runIn(home, output, "runs", "--job", "it-multi"), () -> Installation.read(output));
        List<String> listed = Files.readAllLines(output);
        assertEquals(3, listed.size(), () -> Installation.read(output));
        assertTrue(listed.get(1).matches(" *2 +.* succeeded +0 +0 +1 +0 +0 +0 B +it-multi +.*"), listed.get(1));
        assertEquals(0, installation.runIn(home, output, "runs", "last"), () -> Installation.read(output));
        assertTrue(Files.readString(output).contains(" DONE     DELETE         one.txt on " + b + "\n"), () -> Installation.read(output));

        SynclineDatabase database = open(home);
        Catalog catalog = database.catalog().load();
        Job job = catalog.getJobs().stream().filter(j -> j.getName().equals("it-multi")).findFirst().orElseThrow();
        assertEquals(List.of(a.toString(), b.toString()), job.getPaths().stream().map(p -> p.getFolder()).toList());
        List<Run> runs = database.runs().recentRuns(catalog, job, 10);
        assertEquals(2, runs.size());
        Run second = runs.get(0);
        assertEquals(RunOutcome.SUCCEEDED, second.getOutcome());
        assertEquals(1, second.getFilesDeleted());
        database.runs().loadActions(second);
        assertTrue(second.getActions().stream().anyMatch(action -> "one.txt".equals(action.getRelativePath())),
                "the delete is in the run's file log");
        database.runs().loadActions(runs.get(1));
        assertEquals(2, runs.get(1).getFilesCopied());
    }

    @Test
    void aJobDefinedInTheDatabaseRunsByNameWithItsFilter() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("report.txt"), "report");
        Files.writeString(a.resolve("scratch.tmp"), "scratch");
        Files.createDirectories(a.resolve("deep/cache"));
        Files.writeString(a.resolve("deep/cache/blob.bin"), "blob");
        SynclineDatabase database = open(home);
        Job docs = SynclineFactory.eINSTANCE.createJob();
        docs.setName("Docs");
        docs.setRule(Rule.MIRROR);
        docs.setFilter(SynclineFactory.eINSTANCE.createFileFilter());
        docs.getFilter().setFileMasks("*.* | -*.tmp");
        docs.getFilter().setSubfolderMasks("-cache\\");
        docs.setOptions(SynclineFactory.eINSTANCE.createJobOptions());
        for (Path folder : List.of(a, b)) {
            JobPath path = SynclineFactory.eINSTANCE.createJobPath();
            path.setFolder(folder.toString());
            docs.getPaths().add(path);
        }
        database.catalog().save(docs);
        Path output = dir.resolve("sync.out");

        assertEquals(0, installation.runIn(home, output, "sync", "--job", "Docs"), () -> Installation.read(output));
        assertEquals("report", Files.readString(b.resolve("report.txt")), Installation.read(output));
        assertFalse(Files.exists(b.resolve("scratch.tmp")), "excluded by the file mask -*.tmp");
        assertFalse(Files.exists(b.resolve("deep/cache")), "excluded by the subfolder mask -cache\\");
        assertEquals(1, database.runs().recentRuns(database.catalog().load(), docs, 10).size());

        assertEquals(2, installation.runIn(home, output, "sync", "--job", "Backup"), () -> Installation.read(output));
        assertTrue(Installation.read(output).contains("syncline sync: There is no job named 'Backup' in the database"), Installation.read(output));
    }

    @Test
    void ctrlCStopsARunThatThenRecordsItselfCancelledLeavesNoTemporaryFileAndReleasesItsJob() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = dir.resolve("b");
        try (RandomAccessFile big = new RandomAccessFile(a.resolve("big.bin").toFile(), "rw")) {
            big.setLength(4L << 30);
        }
        Files.writeString(a.resolve("small.txt"), "small");
        Path output = dir.resolve("sync.out");
        Process sync = installation.startIn(home, output, "sync", a.toString(), b.toString(), "--job", "Nightly",
                "--parallel", "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaryFiles(b).isEmpty()) {
            assertTrue(sync.isAlive() && System.nanoTime() < deadline, () -> "no copy began: " + Installation.read(output));
            Thread.sleep(20);
        }
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(sync.pid())).start().waitFor());

        assertTrue(sync.waitFor(60, TimeUnit.SECONDS), () -> "the run did not stop: " + Installation.read(output));
        String text = Installation.read(output);
        assertEquals(130, sync.exitValue(), text);
        assertTrue(text.contains("syncline sync: interrupted (SIGINT); stopping the run"), text);
        assertTrue(text.contains("Run cancelled: cancelled by the user\nResult: cancelled\n"), text);
        assertTrue(text.contains("Number of errors: 0\n") && !text.contains("FAILED"), "a copy stopped is no failure: " + text);
        assertEquals(List.of(), temporaryFiles(b), "the copy in progress was discarded");
        assertFalse(Files.exists(b.resolve("big.bin")));

        Path runs = dir.resolve("runs.out");
        assertEquals(0, installation.runIn(home, runs, "runs", "--job", "Nightly"), () -> Installation.read(runs));
        assertTrue(Installation.read(runs).lines().anyMatch(line -> line.matches(" +1 .* cancelled .* Nightly .*")),
                Installation.read(runs));
        Files.delete(a.resolve("big.bin"));
        assertEquals(0, installation.runIn(home, output, "sync", "--job", "Nightly"), () -> Installation.read(output));
        assertEquals("small", Files.readString(b.resolve("small.txt")), "the job was released: it runs again at once");
    }

    private static List<Path> temporaryFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".syncline-tmp-")).toList();
        }
    }

    @Test
    void syncOnAnUnreachableDatabaseChangesNothingAndExitsWith2() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("one.txt"), "one");
        int port = Installation.freePort();
        Path profile = dir.resolve("profile.properties");
        Files.writeString(profile, "database.url=jdbc:postgresql://127.0.0.1:" + port + "/syncline\n"
                + "database.user=syncline\ndatabase.password=Very-Secret-42\n");
        Path output = dir.resolve("sync.out");

        assertEquals(2, installation.runIn(home, output, "sync", a.toString(), b.toString(), "--db-profile", profile.toString()),
                () -> Installation.read(output));
        String text = Installation.read(output);
        assertTrue(text.contains("Cannot reach the PostgreSQL server at 127.0.0.1:" + port), text);
        assertFalse(text.contains("Very-Secret-42"), text);
        assertFalse(Files.exists(b.resolve("one.txt")), "nothing was copied");
    }

    @Test
    void engineRefusesToStartOnADatabaseItCannotOpen() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("conf"));
        int port = Installation.freePort();
        Files.writeString(home.resolve("conf/syncline.properties"), "database.url=jdbc:postgresql://127.0.0.1:" + port
                + "/syncline\ndatabase.user=syncline\ndatabase.password=Very-Secret-42\n");
        Path output = dir.resolve("engine.out");

        assertEquals(1, installation.runIn(home, output, "engine", "--port", "0"), () -> Installation.read(output));
        String text = Installation.read(output);
        assertTrue(text.contains("syncline: cannot start the engine: Cannot reach the PostgreSQL server at 127.0.0.1:" + port),
                text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
        assertFalse(text.contains("Very-Secret-42"), text);
    }
}
