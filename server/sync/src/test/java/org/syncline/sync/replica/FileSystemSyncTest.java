package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemSyncTest {

    @TempDir
    Path temp;

    @Test
    void onlyKernelsThatReportWriteBackErrorsFromSyncfsQualify() {
        assertTrue(FileSystemSync.kernelReportsErrors("6.18.44-fc-v782"));
        assertTrue(FileSystemSync.kernelReportsErrors("5.8.0"));
        assertTrue(FileSystemSync.kernelReportsErrors("5.10.0-28-amd64"));
        assertFalse(FileSystemSync.kernelReportsErrors("5.4.0-150-generic"));
        assertFalse(FileSystemSync.kernelReportsErrors("4.19.0"));
        assertFalse(FileSystemSync.kernelReportsErrors("unknown"));
        assertFalse(FileSystemSync.kernelReportsErrors(""));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxABatchIsForcedTogetherAndCanThenBeCommitted() throws IOException {
        assertTrue(FileSystemSync.available(), "Linux with JNA: syncfs must be reachable");
        Files.createDirectories(temp.resolve("sub"));
        LocalReplica replica = LocalReplica.open(temp);
        replica.othersWaiting = own -> false; // whatever else this machine is writing meanwhile
        byte[] one = "one".getBytes();
        byte[] two = "two".getBytes();
        StagedWrite first = replica.stage("a", new ByteArrayInputStream(one), new WriteRequest(one.length, null, 1_000L, FileEntry.UNKNOWN_MODE, null));
        StagedWrite second = replica.stage("sub/b", new ByteArrayInputStream(two), new WriteRequest(two.length, null, 1_000L, FileEntry.UNKNOWN_MODE, null));

        assertTrue(replica.forceTogether(List.of(first, second)));
        replica.commit(first);
        replica.commit(second);
        replica.flush();

        assertEquals("one", Files.readString(temp.resolve("a")));
        assertEquals("two", Files.readString(temp.resolve("sub/b")));
    }

    @Test
    void muchOfOtherProgramsDataWaitingToBeWrittenMakesABarrierForceFilesOneByOne() {
        String quiet = "MemTotal:       24000000 kB\nDirty:             10240 kB\nWriteback:           0 kB\n";
        String busy = "MemTotal:       24000000 kB\nDirty:            700000 kB\nWriteback:        4096 kB\n";
        assertFalse(FileSystemSync.othersWaiting(quiet, 0), "10 MB waiting: one syncfs");
        assertTrue(FileSystemSync.othersWaiting(busy, 0), "700 MB of others' data: a syncfs would wait for it");
        assertFalse(FileSystemSync.othersWaiting(busy, 650L << 20), "most of it is the caller's own batch");
        assertTrue(FileSystemSync.othersWaiting(busy, 300L << 20), "more of others' than of the caller's own");
        assertFalse(FileSystemSync.othersWaiting("MemTotal: 1 kB\n", 0), "unknown: syncfs, as before");
        assertFalse(FileSystemSync.othersWaiting("Dirty: many kB\nWriteback: 0 kB\n", 0));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void whileOthersDataWaitsABatchIsForcedFileByFileAndTheReplicaCountsOnlyItsOwnBytes() throws IOException {
        LocalReplica replica = LocalReplica.open(temp);
        List<Long> asked = new ArrayList<>();
        replica.othersWaiting = own -> {
            asked.add(own);
            return true;
        };
        byte[] one = "one".getBytes();
        byte[] five = "fives".getBytes();
        StagedWrite first = replica.stage("a", new ByteArrayInputStream(one), new WriteRequest(one.length, null, 1_000L, FileEntry.UNKNOWN_MODE, null));
        StagedWrite second = replica.stage("b", new ByteArrayInputStream(five), new WriteRequest(five.length, null, 1_000L, FileEntry.UNKNOWN_MODE, null));

        assertFalse(replica.forceTogether(List.of(first)), "the caller forces each file instead");
        assertEquals(List.of(8L), asked, "both staged files are the replica's own, not others' data");
        replica.force(first);
        replica.discard(second);
        replica.commit(first);
        replica.flush();
        assertEquals(List.of(8L, 0L), asked, "forced and discarded files are no longer waiting");
        assertEquals("one", Files.readString(temp.resolve("a")));
        assertFalse(Files.exists(temp.resolve("b")));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void dataAnotherProgramLeftUnwrittenIsSeenInProcMeminfo() throws IOException {
        // 256 MB written and not forced: the kernel keeps it for up to 30 s before writing it back.
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 7);
        try (var out = Files.newOutputStream(temp.resolve("other-programs-data"))) {
            for (int i = 0; i < 256; i++) {
                out.write(block);
            }
        }
        assertTrue(FileSystemSync.othersWaiting(0), "256 MB waiting to be written, read from /proc/meminfo");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFolderThatCannotBeOpenedIsReportedByName() {
        IOException e = assertThrows(IOException.class, () -> FileSystemSync.sync(temp.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
