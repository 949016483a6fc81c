package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunSummary;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.put;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/** Bad input is reported per file, in the user's words; the run goes on and nothing is lost. */
class BadInputScenarioTest extends TwoFolderScenario {


    @Test
    void unreadableSourceFileFailsAloneWithClearMessage() throws IOException {
        MemoryReplica source = new MemoryReplica("src");
        write(source, "ok.txt", "fine");
        write(source, "secret.txt", "locked");
        source.failReadsOf("secret.txt", "permission denied");
        put(b, "secret.txt", "old copy stays", T0);
        RunSummary summary = runWith(List.of(source, LocalReplica.open(b)));
        assertEquals(1, summary.errors());
        assertEquals(1, summary.copied());
        assertEquals(tree("ok.txt", "fine", "secret.txt", "old copy stays"), read(b));
        FileAction failure = failures().get(0);
        assertEquals("secret.txt", failure.path());
        assertTrue(failure.message().contains("permission denied"), failure.message());
    }

    @Test
    void aTargetOnAReadOnlyFileSystemFailsOnceWithWhatToDoAndTheRestIsNotAttemptedNorRetried() throws Exception {
        for (int i = 0; i < 40; i++) {
            put(a, "file-" + i + ".txt", "content " + i, T0);
        }
        put(a, "folder/inner.txt", "inner", T0);
        try (ScratchMount readOnly = ScratchMount.readOnly(temp.resolve("read-only"))) {
            SyncOptions retrying = SyncOptions.defaults().withRetryPolicy(new RetryPolicy(3, Duration.ofSeconds(2)));
            RunSummary summary = fixture.run(Rule.MIRROR, retrying, a, readOnly.path()).summary();
            assertEquals(1 + 41 + 1, summary.errors(), "the folder, the files, the times of the root: " + summary);
            List<String> messages = failures().stream().map(FileAction::message).toList();
            assertEquals(1, messages.stream().filter(message -> message.contains(readOnly.path() + " is on a read-only file"
                    + " system, so nothing can be changed there: remount it read-write (Linux turns a disk read-only after"
                    + " errors: check it first) and run again")).count(), messages.toString());
            assertEquals(42, messages.stream().filter(message -> message.equals("not attempted: " + readOnly.path()
                    + " is on a read-only file system; make it writable and run again")).count(), messages.toString());
        }
    }

    @Test
    void aTargetMountedReadOnlyOnItsOwnIsToldApartToo() throws Exception {
        // A read-only bind mount (a container's volume, a share exported read-only) of a writable disk.
        org.syncline.sync.Trees.write(a, tree("old/1.txt", "one", "old/2.txt", "two", "keep.txt", "k"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Files.move(a.resolve("old"), a.resolve("new"));
        put(a, "added.txt", "added", T0);
        try (ScratchMount readOnly = ScratchMount.readOnlyBind(b)) {
            SyncOptions retrying = SyncOptions.defaults().withRetryPolicy(new RetryPolicy(3, Duration.ofSeconds(2)));
            RunSummary summary = fixture.run(Rule.MIRROR, retrying, a, b).summary();
            List<String> messages = failures().stream().map(FileAction::message).toList();
            assertEquals(1, messages.stream().filter(message -> message.contains(b + " is on a read-only file system, so nothing can be changed there"))
                    .count(), messages.toString());
            assertEquals(summary.errors() - 1, messages.stream().filter(message -> message.startsWith("not attempted: "))
                    .count(), messages.toString());
            assertEquals(tree("old/", "", "old/1.txt", "one", "old/2.txt", "two", "keep.txt", "k"), read(b));
        }
    }

    @Test
    void aTargetDiskUnpluggedDuringTheRunGetsNothingMoreAndTheRestIsNotAttemptedNorRetried() throws Exception {
        for (int i = 0; i < 40; i++) {
            put(a, "file-" + i + ".txt", "content " + i, T0);
        }
        Path mountPoint = temp.resolve("usb");
        ScratchMount disk = ScratchMount.tmpfs(mountPoint, "4m");
        try {
            LocalReplica usb = LocalReplica.open(disk.path());
            AtomicInteger stages = new AtomicInteger();
            Replica unplugged = new DelegatingReplica(usb) {
                // One copy at a time here, so that none slips onto the disk while it is being unmounted.
                @Override
                public synchronized StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
                    if (stages.incrementAndGet() == 5) {
                        unmount(disk);
                    }
                    return super.stage(path, content, request);
                }
            };
            SyncOptions retrying = SyncOptions.defaults().withRetryPolicy(new RetryPolicy(3, Duration.ofSeconds(2)));
            List<Replica> replicas = List.of(LocalReplica.open(a), unplugged);
            RunSummary summary = new SyncRun(fixture.state, fixture.runLog, fixture.clock())
                    .run(new org.syncline.sync.job.SyncJob("job", List.of(a.toString(), usb.toString()), Rule.MIRROR,
                            Filter.ALL, retrying), replicas, new Cancellation(), ProgressListener.NONE).summary();
            assertEquals(0, summary.copied(), summary.toString());
            List<String> messages = failures().stream().map(FileAction::message).toList();
            assertTrue(messages.stream().anyMatch(message -> message.contains(usb + " is no longer reachable (its disk or"
                    + " share was disconnected, or unmounted), so nothing more is done there in this run")), messages.toString());
            assertTrue(messages.stream().anyMatch(message -> message.equals("not attempted: " + usb
                    + " is no longer reachable; reconnect it and run again")), messages.toString());
            assertTrue(stages.get() <= 40, stages + " stages: a failure on the unplugged disk is not retried");
            try (Stream<Path> left = Files.list(mountPoint)) {
                assertEquals(List.of(), left.toList(), "nothing was written where the disk was");
            }
        } finally {
            unmount(disk);
        }
    }

    private static void unmount(ScratchMount disk) {
        try {
            disk.close();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unreadableFileOnRealDiskWhenNotRoot() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file; covered by the memory variant");
        put(a, "secret.txt", "locked", T0);
        put(a, "ok.txt", "fine", T0);
        a.resolve("secret.txt").toFile().setReadable(false, false);
        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();
        assertEquals(1, summary.errors());
        assertEquals(tree("ok.txt", "fine"), read(b));
    }

    @Test
    void nameTooLongForTargetFailsAlone() throws IOException {
        MemoryReplica source = new MemoryReplica("src");
        String longName = "x".repeat(300) + ".txt";
        write(source, longName, "long");
        write(source, "short.txt", "fine");
        RunSummary summary = runWith(List.of(source, LocalReplica.open(b)));
        assertEquals(1, summary.errors());
        assertEquals(tree("short.txt", "fine"), read(b));
        assertTrue(failures().get(0).message().toLowerCase().contains("name too long"), failures().get(0).message());
    }

    @Test
    void nonUtf8NameIsReportedAndTheRestSynchronized() throws Exception {
        Process touch = new ProcessBuilder("python3", "-c",
                "import os,sys; open(os.path.join(os.fsencode(sys.argv[1]), b'caf\\xe9.txt'), 'wb').close()",
                a.toString()).inheritIO().start();
        assertEquals(0, touch.waitFor());
        put(a, "normal.txt", "n", T0);
        SyncRun.Result result = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        assertEquals(tree("normal.txt", "n"), read(b));
        assertEquals(1, result.summary().skipped());
        assertTrue(fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .anyMatch(action -> action.message().contains("not valid UTF-8")));
    }

    @Test
    void fileChangingWhileCopiedIsRefusedAndTakenNextRun() throws IOException {
        put(a, "growing.log", "x".repeat(2_000_000), T0);
        put(b, "growing.log", "previous", T0 - 1000);
        Replica source = new AppendingWhileReadReplica(LocalReplica.open(a), a.resolve("growing.log"));
        RunSummary summary = runWith(List.of(source, LocalReplica.open(b)));
        assertEquals(1, summary.errors());
        assertEquals("previous", read(b).get("growing.log"), "the target keeps its old content");
        assertTrue(failures().get(0).message().contains("changed"), failures().get(0).message());
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(read(a), read(b));
    }

    @Test
    void missingPathIsRefusedBeforeAnythingChanges() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> LocalReplica.open(temp.resolve("unplugged")));
    }

    @Test
    void cancelledRunRecordsOnlyWhatCompleted() throws IOException {
        for (int i = 0; i < 20; i++) {
            put(a, "f" + i, "content " + i, T0);
        }
        Cancellation cancellation = new Cancellation();
        SyncRun run = new SyncRun(fixture.state, fixture.runLog, fixture.clock());
        RunSummary summary = run.run(SyncFixture.job(Rule.MIRROR, SyncOptions.defaults().withParallelCopies(1),
                Filter.ALL, a, b), SyncFixture.open(a, b), cancellation, progress -> {
                    if (progress.filesDone() == 5) {
                        cancellation.cancel();
                    }
                }).summary();
        assertTrue(summary.cancelled());
        assertEquals(5, summary.copied());
        assertEquals(5, read(b).size());
        int recorded = fixture.state.load("job-MIRROR").entries(LocalReplica.open(b).id()).size();
        assertEquals(5, recorded, "state holds exactly what was copied");
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(read(a), read(b));
    }

    @Test
    void aFullTargetFailsWhatCannotFitAtOnceWithoutRetriesAndStillTakesWhatFits() throws Exception {
        byte[] big = new byte[600 * 1024];
        Files.write(a.resolve("a-first.bin"), big);
        Files.write(a.resolve("b-second.bin"), big);
        Files.write(a.resolve("c-third.bin"), big);
        put(a, "d-small.txt", "fits", T0);
        try (ScratchMount small = ScratchMount.tmpfs(temp.resolve("small"), "1m")) {
            // One copy at a time, in name order; a retry would wait 30 s.
            SyncOptions options = SyncOptions.defaults().withParallelCopies(1)
                    .withRetryPolicy(new RetryPolicy(2, Duration.ofSeconds(30)));
            long started = System.nanoTime();

            RunSummary summary = fixture.run(Rule.MIRROR, options, a, small.path()).summary();

            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "the full target was not retried");
            assertEquals(2, summary.copied(), failures().toString());
            assertEquals(2, summary.errors(), failures().toString());
            assertEquals(big.length, Files.size(small.path().resolve("a-first.bin")));
            assertEquals("fits", Files.readString(small.path().resolve("d-small.txt")));
            List<FileAction> failures = failures();
            assertEquals(List.of("b-second.bin", "c-third.bin"), failures.stream().map(FileAction::path).toList());
            assertTrue(failures.get(0).message().contains("bytes free, the file needs " + big.length + "; free space there"),
                    failures.get(0).message());
            assertTrue(failures.get(1).message().startsWith("not copied: it needs " + big.length + " bytes and "),
                    failures.get(1).message());
            try (Stream<Path> left = Files.list(small.path())) {
                assertEquals(List.of("a-first.bin", "d-small.txt"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no temporary file is left behind");
            }
        }
    }

    private RunSummary runWith(List<Replica> replicas) throws IOException {
        List<String> names = replicas.stream().map(Replica::toString).toList();
        return new SyncRun(fixture.state, fixture.runLog, fixture.clock())
                .run(new org.syncline.sync.job.SyncJob("job", names, Rule.MIRROR, Filter.ALL, SyncOptions.defaults()),
                        replicas, new Cancellation(), ProgressListener.NONE).summary();
    }

    private List<FileAction> failures() {
        return fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(action -> action.outcome() == Outcome.FAILED).toList();
    }

    private static void write(Replica replica, String path, String content) throws IOException {
        byte[] bytes = content.getBytes();
        replica.write(path, new ByteArrayInputStream(bytes), new WriteRequest(bytes.length, null, T0, 0644, null));
    }

    /** Appends to the real source file after the first chunk has been read, as a busy log writer would. */
    private static final class AppendingWhileReadReplica extends org.syncline.sync.plan.DelegatingReplica {
        private final Path file;
        private boolean appended;

        AppendingWhileReadReplica(Replica delegate, Path file) {
            super(delegate);
            this.file = file;
        }

        @Override
        public InputStream openRead(String path) throws IOException {
            return new FilterInputStream(super.openRead(path)) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (!appended) {
                        appended = true;
                        Files.writeString(file, "appended", StandardOpenOption.APPEND);
                        file.toFile().setLastModified(T0 + 5000);
                    }
                    return n;
                }
            };
        }
    }
}
