package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.LockHolder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files locked by another program (a real process holding fcntl locks) and a job that locks files. */
class LocalReplicaLockTest {

    @TempDir
    Path temp;

    private LocalReplica replica() throws IOException {
        return LocalReplica.open(temp);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFileAnotherProgramHoldsLockedIsNotReadUnderALockButIsWithoutOne() throws Exception {
        Files.writeString(temp.resolve("db.mdb"), "being written");
        LocalReplica replica = replica();
        try (LockHolder writer = LockHolder.hold(temp.resolve("db.mdb"), false)) {
            FileLockedException e = assertThrows(FileLockedException.class, () -> replica.openRead("db.mdb", true));
            assertEquals(temp.resolve("db.mdb") + ": is locked by another program, which may be writing it; it was not"
                    + " copied, the next run tries again", e.getMessage());
            assertEquals("being written", read(replica.openRead("db.mdb", false)), "not asked to lock: read as always");
        }
        assertEquals("being written", read(replica.openRead("db.mdb", true)), "released: read under a lock");
    }

    @Test
    void anotherReadersSharedLockDoesNotStopALockedRead() throws Exception {
        Files.writeString(temp.resolve("report.txt"), "shared");
        try (LockHolder reader = LockHolder.hold(temp.resolve("report.txt"), true)) {
            assertEquals("shared", read(replica().openRead("report.txt", true)));
        }
    }

    @Test
    void whileALockedReadIsOpenNoOtherProgramCanLockTheFileToWriteIt() throws Exception {
        Path file = temp.resolve("report.txt");
        Files.writeString(file, "content");
        LocalReplica replica = replica();
        assertTrue(LockHolder.couldLockExclusively(file));
        try (InputStream in = replica.openRead("report.txt", true)) {
            assertFalse(LockHolder.couldLockExclusively(file), "a writer that locks waits for the copy");
            try (InputStream again = replica.openRead("report.txt", true)) {
                assertEquals("content", read(again), "the same file copied to another path at the same time");
            }
            assertFalse(LockHolder.couldLockExclusively(file), "still locked while the first copy reads it");
            assertEquals("content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(LockHolder.couldLockExclusively(file), "released with the stream");
    }

    @Test
    void aFileInUseIsNotReplacedWhenTheWriteLocksWhatItReplaces() throws Exception {
        Path file = temp.resolve("plan.xlsx");
        Files.writeString(file, "open in an editor");
        LocalReplica replica = replica();
        WriteRequest request = new WriteRequest(3, null, 1_700_000_000_000L, 0644, null);
        try (LockHolder editor = LockHolder.hold(file, true)) {
            FileLockedException e = assertThrows(FileLockedException.class, () ->
                    replica.write("plan.xlsx", new ByteArrayInputStream(bytes("new")), request.lockingReplaced()));
            assertEquals(file + ": is in use: another program holds a lock on it; it was not replaced, the next run"
                    + " tries again", e.getMessage());
            assertEquals("open in an editor", Files.readString(file));
            try (Stream<Path> files = Files.list(temp)) {
                assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith(Replica.TEMP_PREFIX)).count(),
                        "no temporary file is left");
            }
            replica.write("plan.xlsx", new ByteArrayInputStream(bytes("new")), request);
            assertEquals("new", Files.readString(file), "not asked to lock: replaced as always");
        }
        replica.write("plan.xlsx", new ByteArrayInputStream(bytes("3rd")), request.lockingReplaced());
        assertEquals("3rd", Files.readString(file), "released: replaced under a lock");
        replica.write("fresh.txt", new ByteArrayInputStream(bytes("new")), request.lockingReplaced());
        assertEquals("new", Files.readString(temp.resolve("fresh.txt")), "nothing to replace, nothing to lock");
    }
}
