package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.ScratchMount;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A path whose disk goes away while it is open: a real file system unmounted under a replica. */
class ReachabilityTest {

    @TempDir
    Path temp;

    @Test
    void aReplicaWhoseDiskWasUnmountedIsUnreachableAndWritesNothingIntoTheMountPoint() throws Exception {
        Path mountPoint = temp.resolve("usb");
        LocalReplica replica;
        try (ScratchMount disk = ScratchMount.tmpfs(mountPoint, "1m")) {
            replica = LocalReplica.open(disk.path());
            replica.write("before.txt", new ByteArrayInputStream(new byte[] {1}), new WriteRequest(1, null, 1_000L, 0644, null));
            assertTrue(replica.reachable());
        }
        assertTrue(Files.isDirectory(mountPoint), "the mount point stays, on the disk that holds it");
        assertFalse(replica.reachable());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> replica.write("after.txt",
                new ByteArrayInputStream(new byte[] {2}), new WriteRequest(1, null, 1_000L, 0644, null)));
        assertEquals(replica.root().toString(), e.getFile());
        assertTrue(e.getMessage().endsWith("is no longer reachable: its disk or share was disconnected or unmounted"),
                e.getMessage());
        assertThrows(NoSuchFileException.class, () -> replica.mkdirs("folder"));
        try (var left = Files.list(mountPoint)) {
            assertEquals(0, left.count(), "nothing was written where the disk was");
        }
        Files.delete(mountPoint);
        assertFalse(replica.reachable(), "nor when the folder is gone");
    }
}
