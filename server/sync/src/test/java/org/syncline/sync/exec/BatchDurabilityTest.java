package org.syncline.sync.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.FileSystemSyncProbe;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.replica.WriteResult;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The copy phase forces a whole batch to stable storage before it renames any file of it. */
class BatchDurabilityTest {

    @TempDir
    Path temp;

    /** Records staging, forcing and committing, in order, across the copy threads. */
    private static final class RecordingReplica extends DelegatingReplica {

        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        String failForceOf;
        boolean allowBarrier;
        boolean failBarrier;
        boolean recordStages;

        RecordingReplica(Replica delegate) {
            super(delegate);
        }

        @Override
        public StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
            StagedWrite staged = super.stage(path, content, request);
            if (recordStages) {
                events.add("stage " + path);
            }
            return staged;
        }

        @Override
        public void force(StagedWrite staged) throws IOException {
            if (staged.path().equals(failForceOf)) {
                throw new IOException("disk full while forcing " + staged.path());
            }
            super.force(staged);
            events.add("force " + staged.path());
        }

        @Override
        public boolean forceTogether(List<? extends StagedWrite> staged) throws IOException {
            if (failBarrier) {
                events.add("barrier failed");
                throw new IOException("the file system reported a write-back error");
            }
            boolean together = allowBarrier && super.forceTogether(staged);
            if (together) {
                events.add("barrier " + staged.size());
            }
            return together;
        }

        @Override
        public WriteResult commit(StagedWrite staged) throws IOException {
            events.add("commit " + staged.path());
            return super.commit(staged);
        }
    }

    @Test
    void everyFileOfABatchIsForcedBeforeAnyIsRenamed() throws IOException {
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        int files = 40;
        for (int i = 0; i < files; i++) {
            Files.writeString(a.resolve("f" + i), "content " + i);
        }
        RecordingReplica target = new RecordingReplica(FileSystemSyncProbe.ignoringOthersWaiting(LocalReplica.open(b)));
        RunSummary summary = run(a, target);

        assertTrue(summary.succeeded());
        assertEquals(files, summary.copied());
        List<String> events = List.copyOf(target.events);
        int lastForce = -1;
        int firstCommit = events.size();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("force ")) {
                lastForce = i;
            } else if (firstCommit == events.size()) {
                firstCommit = i;
            }
        }
        assertEquals(files * 2, events.size(), events.toString());
        assertTrue(lastForce < firstCommit, "all forced before the first rename: " + events);
    }

    @Test
    void oneFileSystemBarrierForcesTheWholeBatchBeforeAnyRename() throws IOException {
        assumeTrue(FileSystemSyncProbe.available(), "syncfs is not available on this system");
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(Files.createDirectories(a.resolve("d" + i % 3)).resolve("f" + i), "content " + i);
        }
        RecordingReplica target = new RecordingReplica(FileSystemSyncProbe.ignoringOthersWaiting(LocalReplica.open(b)));
        target.allowBarrier = true;

        RunSummary summary = run(a, target);

        assertTrue(summary.succeeded());
        assertEquals(30, summary.copied());
        List<String> events = List.copyOf(target.events);
        assertEquals("barrier 30", events.get(0), "one barrier for the whole batch, first: " + events);
        assertEquals(31, events.size(), "no file was forced one by one: " + events);
        assertTrue(events.subList(1, 31).stream().allMatch(e -> e.startsWith("commit ")), events.toString());
    }

    /**
     * Batches follow each other without waiting for the copies of the one before to finish, yet
     * each is made durable whole before any of its files is renamed, in plan order.
     */
    @Test
    void batchesAreForcedWholeAndCommittedInPlanOrder() throws IOException {
        assumeTrue(FileSystemSyncProbe.available(), "syncfs is not available on this system");
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        int files = 2 * CopyBatches.MAX_FILES + 104;
        List<String> planOrder = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String name = String.format("f%05d", i);
            Files.writeString(a.resolve(name), "content " + i);
            planOrder.add(name);
        }
        RecordingReplica target = new RecordingReplica(FileSystemSyncProbe.ignoringOthersWaiting(LocalReplica.open(b)));
        target.allowBarrier = true;
        target.recordStages = true;

        RunSummary summary = run(a, target);

        assertTrue(summary.succeeded());
        assertEquals(files, summary.copied());
        List<String> events = List.copyOf(target.events);
        List<Integer> barriers = new ArrayList<>();
        Map<String, Integer> stagedAt = new HashMap<>();
        List<String> commits = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event.startsWith("barrier ")) {
                barriers.add(i);
            } else if (event.startsWith("stage ")) {
                stagedAt.put(event.substring("stage ".length()), i);
            } else if (event.startsWith("commit ")) {
                String path = event.substring("commit ".length());
                commits.add(path);
                int batch = (commits.size() - 1) / CopyBatches.MAX_FILES;
                assertTrue(barriers.size() > batch, "renamed before its batch's barrier: " + event);
                Integer staged = stagedAt.get(path);
                assertTrue(staged != null && staged < barriers.get(batch), "staged after its batch's barrier: " + event);
            }
        }
        assertEquals(List.of("barrier " + CopyBatches.MAX_FILES, "barrier " + CopyBatches.MAX_FILES, "barrier 104"),
                barriers.stream().map(events::get).toList());
        assertEquals(planOrder, commits, "renamed in plan order");
        assertEquals(planOrder.size(), b.toFile().list().length, "no temporary file is left behind");
    }

    @Test
    void aFailedBarrierFallsBackToForcingEveryFile() throws IOException {
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(a.resolve("f" + i), "content " + i);
        }
        RecordingReplica target = new RecordingReplica(FileSystemSyncProbe.ignoringOthersWaiting(LocalReplica.open(b)));
        target.failBarrier = true;

        RunSummary summary = run(a, target);

        assertTrue(summary.succeeded(), "every file forced on its own after the barrier failed");
        assertEquals(10, summary.copied());
        List<String> events = List.copyOf(target.events);
        assertEquals("barrier failed", events.get(0));
        assertEquals(10, events.stream().filter(e -> e.startsWith("force ")).count(), events.toString());
        assertTrue(events.indexOf(events.stream().filter(e -> e.startsWith("commit ")).findFirst().orElseThrow())
                > events.lastIndexOf(events.stream().filter(e -> e.startsWith("force ")).reduce((x, y) -> y).orElseThrow()),
                "all forced before the first rename: " + events);
        for (int i = 0; i < 10; i++) {
            assertEquals("content " + i, Files.readString(b.resolve("f" + i)));
        }
    }

    @Test
    void aFileThatCannotBeForcedIsNeitherRenamedNorRecorded() throws IOException {
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        Files.writeString(a.resolve("good"), "good");
        Files.writeString(a.resolve("bad"), "new");
        Files.writeString(b.resolve("bad"), "old");
        Files.setLastModifiedTime(b.resolve("bad"), FileTime.fromMillis(1_000_000_000_000L));
        RecordingReplica target = new RecordingReplica(FileSystemSyncProbe.ignoringOthersWaiting(LocalReplica.open(b)));
        target.failForceOf = "bad";
        SyncFixture fixture = new SyncFixture();

        RunSummary summary = run(fixture, a, target);

        assertEquals(1, summary.errors());
        assertEquals("good", Files.readString(b.resolve("good"), StandardCharsets.UTF_8));
        assertEquals("old", Files.readString(b.resolve("bad"), StandardCharsets.UTF_8), "the old content stays");
        assertFalse(target.events.contains("commit bad"));
        try (var names = Files.list(b)) {
            assertEquals(List.of("bad", "good"), names.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
        String bId = target.id();
        assertTrue(fixture.state.load("job-MIRROR").entries(bId).containsKey("good"));
        assertFalse(fixture.state.load("job-MIRROR").entries(bId).containsKey("bad"),
                "a file that did not become durable is not recorded as synchronized");
    }

    private static RunSummary run(Path a, Replica target) throws IOException {
        return run(new SyncFixture(), a, target);
    }

    private static RunSummary run(SyncFixture fixture, Path a, Replica target) throws IOException {
        return fixture.run(SyncFixture.job(Rule.MIRROR, SyncOptions.defaults(), Filter.ALL, a, Path.of(target.toString())),
                List.of(LocalReplica.open(a), target)).summary();
    }
}
