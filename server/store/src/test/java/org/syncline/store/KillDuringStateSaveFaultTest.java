package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.ReplicaState;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.Databases;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.sync.cli.SyncCommand;
import org.syncline.sync.state.RunRecord;
import org.syncline.sync.replica.Replica;

/**
 * Runs {@code syncline sync} with its state in an H2 file in a child JVM and kills it with SIGKILL
 * at random moments while it copies, again and again while the source keeps changing. The run writes its state
 * rows while it copies, in a transaction it commits only at the end: after every kill, each row
 * saved for the target must describe the version the target holds or an older one, never one it
 * does not hold yet (a killed run's rows are rolled back with its transaction, never half kept),
 * and in the end a normal run completes the mirror and saves the version of every file.
 */
class KillDuringStateSaveFaultTest {

    private static final int KILLS = 12;
    /** The run's claim on its job, in seconds: a killed run's claim lapses this soon. */
    private static final int LEASE_SECONDS = 2;
    private static final int FILES = 90;
    /** A copy's temporary file: the prefix, its writer (computer and process) and a random number, all in lower case. */
    private static final Pattern COPY_TEMP = Pattern.compile(Pattern.quote(Replica.TEMP_PREFIX) + "[0-9a-f]{8}-[0-9]+-[0-9a-f]+");

    @TempDir
    Path temp;

    private final Random random = new Random(20261130);
    /** Every version each source file had, oldest first, as its size and modification time. */
    private final Map<String, List<String>> versions = new HashMap<>();

    private DatabaseProfile profile() {
        return DatabaseProfile.h2File(temp.resolve("db").resolve("syncline"), temp.resolve("secret.key"));
    }

    @AfterEach
    void shutDownTheEmbeddedDatabase() throws SQLException {
        EmbeddedH2.shutDown(profile());
    }

    @Test
    void theSavedStateDescribesTheTargetAfterEverySigkillAndARerunCompletes() throws Exception {
        Path source = Files.createDirectories(temp.resolve("source"));
        Path target = Files.createDirectories(temp.resolve("target"));
        for (int i = 0; i < FILES; i++) {
            writeVersion(source, path(i));
        }
        assertRunSucceeds(startSync(source, target));
        assertStateHoldsTheVersionOfEveryFile(target);
        int killedWhileCopying = 0;
        int runs = 1;
        // How long after its first copy a kill may land, in ms: at first a guess, then three quarters of the
        // copying time of the last run that ended before its kill (a quicker machine copies in less time).
        int window = 600;
        for (int round = 0; killedWhileCopying < KILLS && round < 4 * KILLS; round++) {
            runs++;
            changeSome(source);
            Set<Path> leftOver = temporaryFiles(target);
            Process child = startSync(source, target);
            // The kill lands while the run copies and writes its state ahead: from its first copy's temporary file on
            // (not one a killed run left, which the next run removes, nor the probe the run makes of the volume
            // when it opens it, before its run is recorded).
            if (awaitFirstCopy(child, target, leftOver)) {
                long copying = System.nanoTime();
                if (child.waitFor(random.nextInt(window), TimeUnit.MILLISECONDS)) {
                    window = Math.max(20, (int) ((System.nanoTime() - copying) / 1_000_000 * 3 / 4));
                }
            }
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor();
                killedWhileCopying++;
                // Until the killed run's claim on the job lapses, the next would be refused.
                Thread.sleep(LEASE_SECONDS * 1000L + 200);
            } else {
                assertEquals(0, child.exitValue(), () -> "a run the test did not kill failed: " + read(temp.resolve("child.log")));
            }
            assertNoSavedRowIsAheadOfTheTarget(targetState(), target);
        }
        assertTrue(killedWhileCopying >= KILLS, "killed only " + killedWhileCopying + " times while copying");

        assertRunSucceeds(startSync(source, target));
        runs++;
        assertEquals(files(source), files(target), "the re-run completes the mirror");
        assertTheHistoryShowsEachKilledRunInterrupted(runs, killedWhileCopying);
        assertStateHoldsTheVersionOfEveryFile(target);
        try (Stream<Path> all = Files.walk(target)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(Replica.TEMP_PREFIX)),
                    "no temporary file is left");
        }
    }

    /** What {@code syncline runs} reads: every run is there, each killed one interrupted, the others succeeded. */
    private void assertTheHistoryShowsEachKilledRunInterrupted(int runs, int killed) throws Exception {
        try {
            SynclineDatabase database = Databases.open(profile());
            List<RunRecord> history = new DatabaseJobCatalog(database, Duration.ofSeconds(LEASE_SECONDS)).runs("fault", 1000)
                    .orElseThrow();
            assertEquals(runs, history.size(), () -> history.stream().map(Object::toString).collect(Collectors.joining("\n")));
            Map<RunRecord.Status, Long> statuses = history.stream()
                    .collect(Collectors.groupingBy(RunRecord::status, TreeMap::new, Collectors.counting()));
            long interrupted = statuses.getOrDefault(RunRecord.Status.INTERRUPTED, 0L);
            assertEquals(runs - interrupted, statuses.getOrDefault(RunRecord.Status.SUCCEEDED, 0L), statuses::toString);
            // A kill may land after a run recorded its end, just before its process exited: then it succeeded.
            assertTrue(interrupted >= 1 && interrupted <= killed, () -> statuses + " after " + killed + " kills");
            assertTrue(history.stream().filter(run -> run.status() == RunRecord.Status.INTERRUPTED)
                    .allMatch(run -> run.finished() == null && run.started() != null));
        } finally {
            EmbeddedH2.shutDown(profile());
        }
    }

    /**
     * Waits until the run has a temporary file in {@code target} other than {@code leftOver}: true;
     * or has ended first: false.
     */
    private static boolean awaitFirstCopy(Process run, Path target, Set<Path> leftOver) throws Exception {
        while (run.isAlive()) {
            try {
                if (!leftOver.containsAll(temporaryFiles(target))) {
                    return true;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A file renamed or removed while listed: a copy's temporary file, or one of the probes the run
                // makes of the volume when it opens it, before its run is recorded: look again.
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** The temporary files of copies in {@code target}. */
    private static Set<Path> temporaryFiles(Path target) throws IOException {
        try (Stream<Path> all = Files.walk(target)) {
            return all.filter(p -> COPY_TEMP.matcher(p.getFileName().toString()).matches()).collect(Collectors.toSet());
        }
    }

    private void changeSome(Path source) throws IOException {
        for (int i = 0; i < FILES; i++) {
            if (random.nextInt(3) == 0) {
                writeVersion(source, path(i));
            }
        }
    }

    private void assertStateHoldsTheVersionOfEveryFile(Path target) throws Exception {
        Map<String, ReplicaState> saved = targetState();
        for (Map.Entry<String, String> file : files(target).entrySet()) {
            ReplicaState row = saved.get(file.getKey());
            assertTrue(row != null && version(row).equals(file.getValue()), file.getKey() + ": its version was saved");
        }
    }

    private void assertRunSucceeds(Process run) throws Exception {
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the run did not end within two minutes");
        assertEquals(0, run.exitValue(), () -> "the run failed: " + read(temp.resolve("child.log")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String path(int i) {
        return (i % 4 == 0 ? "sub/" : "") + "file-" + i + ".bin";
    }

    private Process startSync(Path source, Path target) throws IOException {
        Path profileFile = temp.resolve("profile.properties");
        if (!Files.exists(profileFile)) {
            DatabaseProfile profile = profile();
            Files.writeString(profileFile, "database.url=" + profile.url() + "\ndatabase.keyFile=" + profile.keyFile() + "\n");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + DatabaseJobStorageProvider.RUN_LEASE_PROPERTY + "=" + LEASE_SECONDS, "-cp", System.getProperty("java.class.path"),
                SyncCommand.class.getName(), source.toString(), target.toString(), "--job", "fault",
                "--db-profile", profileFile.toString(), "--retries", "0", "--parallel", "2")
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
    }

    /** The state rows saved for the target path of job "fault", by relative path; none before its first save. */
    private Map<String, ReplicaState> targetState() throws SQLException {
        Map<String, ReplicaState> rows = new TreeMap<>();
        try {
            SynclineDatabase database = Databases.open(profile());
            Job job = database.catalog().loadJob("fault").orElse(null);
            if (job != null) {
                JobPath target = job.getPaths().get(1);
                for (ReplicaState row : database.replicaStates().load(target)) {
                    rows.put(row.getRelativePath(), row);
                }
            }
        } finally {
            // The next child must own the file, as a run does on its own.
            EmbeddedH2.shutDown(profile());
        }
        return rows;
    }

    private void assertNoSavedRowIsAheadOfTheTarget(Map<String, ReplicaState> saved, Path target) throws IOException {
        for (ReplicaState row : saved.values()) {
            Path file = target.resolve(row.getRelativePath());
            assertTrue(Files.exists(file), row.getRelativePath() + " is in the saved state but not on the target");
            if (row.isFolder()) {
                continue;
            }
            List<String> known = versions.get(row.getRelativePath());
            int savedVersion = known.indexOf(version(row));
            int heldVersion = known.indexOf(version(file));
            assertTrue(savedVersion >= 0 && heldVersion >= 0, row.getRelativePath() + ": a version the source never had");
            assertTrue(savedVersion <= heldVersion, row.getRelativePath() + ": the saved state has version " + savedVersion
                    + ", but the target holds version " + heldVersion + " (state saved for a copy not made)");
        }
    }

    private static String version(ReplicaState row) {
        return row.getSize() + "@" + row.getModified().toEpochMilli();
    }

    private static String version(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    private void writeVersion(Path root, String path) throws IOException {
        // Mostly large, so that a run copies long enough for its state to be written ahead meanwhile.
        int size = random.nextInt(3) == 0 ? 1 + random.nextInt(40_000) : 500_000 + random.nextInt(2_500_000);
        byte[] content = new byte[size];
        random.nextBytes(content);
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + random.nextInt(1_000_000_000)));
        versions.computeIfAbsent(path, p -> new ArrayList<>()).add(version(file));
    }

    /** The version of every file under {@code root}, by relative path. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> files = all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(Replica.TEMP_PREFIX)).toList();
            for (Path file : files) {
                found.put(root.relativize(file).toString(), version(file));
            }
        }
        return found;
    }
}
