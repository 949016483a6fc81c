package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How finely a file system keeps times is read from what it made of one time it was asked to keep. */
class TimeGranularityTest {

    private static final long ASKED = LocalReplica.PROBE_TIME;

    @TempDir
    Path temp;

    @Test
    void eachGranularityIsToldApartWhetherTheFileSystemTruncatesOrRounds() {
        assertEquals(1, LocalReplica.granularity(ASKED, ASKED), "kept as asked");
        assertEquals(10, LocalReplica.granularity(ASKED, ASKED - 6), "exFAT, truncated");
        assertEquals(10, LocalReplica.granularity(ASKED, ASKED + 4), "rounded to 10 ms");
        assertEquals(100, LocalReplica.granularity(ASKED, ASKED - 56), "truncated to 100 ms");
        assertEquals(100, LocalReplica.granularity(ASKED, ASKED + 44), "rounded to 100 ms");
        assertEquals(1000, LocalReplica.granularity(ASKED, ASKED - 456), "whole seconds, truncated or rounded");
        assertEquals(2000, LocalReplica.granularity(ASKED, ASKED - 1456), "FAT, truncated to an even second");
        assertEquals(2000, LocalReplica.granularity(ASKED, ASKED + 544), "FAT, rounded up to an even second");
        assertEquals(1, LocalReplica.granularity(ASKED, 1_600_000_000_000L), "a time not kept at all is no granularity");
    }

    @Test
    void aFileSystemThatKeepsMillisecondsIsComparedToTheMillisecondAndTheProbeLeavesNothingBehind() throws Exception {
        Files.writeString(temp.resolve("kept.txt"), "x");
        long rootTime = Files.getLastModifiedTime(temp).toMillis();
        LocalReplica replica = LocalReplica.open(temp);
        assertEquals(1, replica.timeGranularityMillis());
        try (var names = Files.list(temp)) {
            assertEquals(java.util.List.of("kept.txt"), names.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(rootTime, Files.getLastModifiedTime(temp).toMillis(), "the root's own time is put back");
    }

    @Test
    void timesAreTheSameWithinTheCoarserGranularityOnly() {
        FileEntry fine = FileEntry.file("a.txt", 5, 1_700_000_001_499L, 0644);
        FileEntry truncated = FileEntry.file("a.txt", 5, 1_700_000_001_000L, 0644);
        FileEntry nextSecond = FileEntry.file("a.txt", 5, 1_700_000_002_000L, 0644);
        assertFalse(fine.sameContentAs(truncated), "to the millisecond");
        assertTrue(fine.sameContentAs(truncated, 1000));
        assertFalse(truncated.sameContentAs(nextSecond, 1000), "a second apart on a whole-second file system");
        assertTrue(truncated.sameContentAs(nextSecond, 2000), "the same on FAT");
        assertFalse(fine.sameContentAs(FileEntry.file("a.txt", 6, 1_700_000_001_000L, 0644), 1000), "size still counts");
    }
}
