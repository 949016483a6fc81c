package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.LockHolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.replica.TempFiles.Found.IN_USE;
import static org.syncline.sync.replica.TempFiles.Found.LEFT_OVER;
import static org.syncline.sync.replica.TempFiles.Found.NOT_TEMPORARY;

/** Which temporary files a listing removes: only those whose writer is gone. */
class TempFilesTest {

    private static final String HOST = TempFiles.hostTag("fileserver");
    private static final long PID = 4242;

    @TempDir
    Path temp;

    private TempFiles.Found classify(String name, boolean otherProcessRuns, Instant now) throws IOException {
        Path file = Files.writeString(temp.resolve(name), "partial");
        return TempFiles.classify(file, Set.of(temp.resolve("being-written")), HOST, PID, pid -> otherProcessRuns, now);
    }

    @Test
    void aTemporaryFileIsLeftOverOnlyWhenItsWriterIsGone() throws IOException {
        Instant now = Instant.now();
        assertEquals(NOT_TEMPORARY, classify("report.txt", false, now));
        assertEquals(LEFT_OVER, classify(Replica.TEMP_PREFIX + HOST + "-" + PID + "-1f2e", false, now),
                "this process's, and it is not writing it");
        assertEquals(IN_USE, classify(Replica.TEMP_PREFIX + HOST + "-77-1f2e", true, now), "a running process's");
        assertEquals(LEFT_OVER, classify(Replica.TEMP_PREFIX + HOST + "-78-1f2e", false, now), "a process that ended");
        String foreign = Replica.TEMP_PREFIX + TempFiles.hostTag("laptop") + "-77-1f2e";
        assertEquals(IN_USE, classify(foreign, false, now), "another computer's, changed lately");
        assertEquals(LEFT_OVER, classify(foreign, false, now.plus(TempFiles.FOREIGN_AGE).plus(Duration.ofMinutes(1))),
                "another computer's, unchanged for a day");
        assertEquals(LEFT_OVER, classify(Replica.TEMP_PREFIX + "0123abcd", false, now), "named before names had writers");
        assertEquals(IN_USE, classify(Replica.TEMP_PREFIX + "notes.txt", false, now), "a reserved name not ours: left alone");
    }

    @Test
    void aFileThisProcessIsWritingIsInUse() throws IOException {
        Path named = temp.resolve(TempFiles.newName(""));
        Files.writeString(named, "partial");
        TempFiles.writing(named);
        try {
            assertEquals(IN_USE, TempFiles.classify(named));
        } finally {
            TempFiles.done(named);
        }
        assertEquals(LEFT_OVER, TempFiles.classify(named));
    }

    @Test
    void aListingLeavesTheTemporaryFileOfARunningProcessAloneAndRemovesItOnceItEnded() throws Exception {
        Path locked = Files.writeString(temp.resolve("any"), "x");
        LocalReplica replica = LocalReplica.open(temp);
        Path partial;
        try (LockHolder other = LockHolder.hold(locked, true)) {
            partial = Files.writeString(temp.resolve(Replica.TEMP_PREFIX
                    + TempFiles.thisHost() + "-" + other.pid() + "-5a5a"), "half");
            assertEquals(Set.of("any"), names(replica));
            assertTrue(Files.exists(partial), "another run is writing it");
        }
        assertEquals(Set.of("any"), names(replica));
        assertFalse(Files.exists(partial), "its writer ended: removed");
    }

    private static Set<String> names(Replica replica) throws IOException {
        try (Stream<FileEntry> children = replica.list("")) {
            return Set.copyOf(children.map(FileEntry::name).toList());
        }
    }
}
