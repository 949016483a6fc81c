package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @EnabledOnOs(OS.LINUX)
    void aFolderThatCannotBeOpenedIsReportedByName() {
        IOException e = assertThrows(IOException.class, () -> FileSystemSync.sync(temp.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
