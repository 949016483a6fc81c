package org.syncline.sync.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The copy phase hints every file it is about to copy to its source replica, once, unless it locks them. */
class CopyReadAheadTest {

    @TempDir
    Path temp;

    /** Counts the hints per path and remembers the size each asked for. */
    private static final class HintedReplica extends DelegatingReplica {

        final Map<String, Long> hinted = new ConcurrentHashMap<>();
        final Map<String, Integer> times = new ConcurrentHashMap<>();

        HintedReplica(Replica delegate) {
            super(delegate);
        }

        @Override
        public void willRead(String path, long bytes) {
            hinted.put(path, bytes);
            times.merge(path, 1, Integer::sum);
            super.willRead(path, bytes);
        }
    }

    @Test
    void everyFileToCopyIsHintedOnceWithItsSize() throws IOException {
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            String path = "d" + i % 3 + "/f" + i;
            Files.writeString(Files.createDirectories(a.resolve("d" + i % 3)).resolve("f" + i), "x".repeat(i + 1));
            expected.put(path, (long) i + 1);
        }
        Files.createFile(a.resolve("empty"));
        Files.createDirectories(b.resolve("d0"));
        Files.writeString(b.resolve("d0/f0"), "x");
        Files.setLastModifiedTime(b.resolve("d0/f0"), Files.getLastModifiedTime(a.resolve("d0/f0")));
        expected.remove("d0/f0");
        HintedReplica source = new HintedReplica(LocalReplica.open(a));

        RunSummary summary = run(SyncOptions.defaults(), a, source, b);

        assertTrue(summary.succeeded());
        assertEquals(30, summary.copied(), "29 files with content and the empty one");
        assertEquals(expected, new TreeMap<>(source.hinted), "files already in step and empty ones are not hinted");
        assertTrue(source.times.values().stream().allMatch(n -> n == 1), source.times.toString());
    }

    @Test
    void filesLockedWhileCopiedAreNotHinted() throws IOException {
        Path a = Files.createDirectory(temp.resolve("a"));
        Path b = Files.createDirectory(temp.resolve("b"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(a.resolve("f" + i), "content " + i);
        }
        HintedReplica source = new HintedReplica(LocalReplica.open(a));

        RunSummary summary = run(SyncOptions.defaults().withLockFiles(true), a, source, b);

        assertTrue(summary.succeeded());
        assertEquals(10, summary.copied());
        assertEquals(Map.of(), source.hinted, "opening a file to hint it would release the copy's lock on it");
    }

    private static RunSummary run(SyncOptions options, Path a, Replica source, Path b) throws IOException {
        return new SyncFixture().run(SyncFixture.job(Rule.MIRROR, options, Filter.ALL, a, b),
                List.of(source, LocalReplica.open(b))).summary();
    }
}
