package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.ScratchMount;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LocalReplica#beginHashedRead} and {@link LocalReplica#knownHash} on real files: a file read
 * whole is known under any name while it stays the same file, unchanged; a change the size and time
 * do not show still makes it unknown.
 */
class LocalKnownHashesTest {

    @TempDir
    Path temp;

    /** The clock the change times are compared with, two seconds ahead: files written now are settled. */
    private final KnownHashes known = new KnownHashes(100, () -> System.currentTimeMillis() + 2_000);

    @Test
    void aFileReadWholeIsKnownAfterItsFolderIsRenamed() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("2025"));
        Files.writeString(root.resolve("2025/plan.txt"), "the plan");
        LocalReplica replica = LocalReplica.open(root, known);

        String hash = readWhole(replica, "2025/plan.txt");
        Files.move(root.resolve("2025"), root.resolve("2025-closed"));

        assertEquals(hash, replica.knownHash("2025-closed/plan.txt"));
        assertEquals(hash, LocalReplica.open(root, known).knownHash("2025-closed/plan.txt"), "by another replica of the process");
        assertNull(replica.knownHash("2025/plan.txt"), "nothing there");
        assertNull(LocalReplica.open(root).knownHash("2025-closed/plan.txt"), "a replica that remembers nothing");
    }

    @Test
    void aFileRewrittenWithItsSizeAndTimeKeptOrGivenOtherPermissionsIsNoLongerKnown() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path ledger = Files.writeString(root.resolve("ledger.txt"), "balance 100");
        Path notes = Files.writeString(root.resolve("notes.txt"), "notes");
        LocalReplica replica = LocalReplica.open(root, known);
        readWhole(replica, "ledger.txt");
        readWhole(replica, "notes.txt");
        FileTime time = Files.getLastModifiedTime(ledger);
        nextTick();

        Files.writeString(ledger, "balance 999");
        Files.setLastModifiedTime(ledger, time);
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-------"));

        assertEquals(time.toMillis(), replica.stat("ledger.txt").orElseThrow().mtimeMillis(), "size and time as before");
        assertNull(replica.knownHash("ledger.txt"), "its change time moved: read again");
        assertNull(replica.knownHash("notes.txt"), "a change of permissions moves it too");
        assertEquals(ContentHash.of("balance 999".getBytes(StandardCharsets.UTF_8)), readWhole(replica, "ledger.txt"));
        assertEquals(ContentHash.of("balance 999".getBytes(StandardCharsets.UTF_8)), replica.knownHash("ledger.txt"));
    }

    @Test
    void aFileChangedWhileReadIsNotRemembered() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path file = Files.writeString(root.resolve("growing.log"), "line 1\n");
        LocalReplica replica = LocalReplica.open(root, known);

        Replica.HashedRead noted = replica.beginHashedRead("growing.log");
        assertNotNull(noted);
        String hash;
        try (InputStream in = replica.openRead("growing.log")) {
            hash = ContentHash.of(in);
        }
        nextTick();
        Files.writeString(file, "line 1\nline 2\n");
        noted.done(hash);

        assertNull(replica.knownHash("growing.log"));
        assertEquals(0, known.size());
    }

    @Test
    void aFileJustChangedIsNotNotedAndFoldersAndLinksNeverAre() throws IOException {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(root.resolve("new.txt"), "just written");
        Files.createDirectories(root.resolve("folder"));
        Files.createSymbolicLink(root.resolve("link"), root.resolve("new.txt"));

        // The real clock: the change time is not a second old yet.
        LocalReplica now = LocalReplica.open(root, new KnownHashes(100));
        assertNull(now.beginHashedRead("new.txt"));

        LocalReplica replica = LocalReplica.open(root, known);
        assertNull(replica.beginHashedRead("folder"));
        assertNull(replica.beginHashedRead("link"));
        assertNull(replica.beginHashedRead("missing"));
        assertNull(LocalReplica.open(root).beginHashedRead("new.txt"), "a replica that remembers nothing");
    }

    @Test
    void onlyFileSystemsWhoseChangeTimesTellVersionsApartRememberHashes() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root")).toRealPath();
        String type = Files.getFileStore(root).type();
        assumeTrue(ChangeJournals.POSIX_CHANGE_TIMES.contains(type), "the temporary folder is on " + type);
        try (ChangeJournals journals = ChangeJournals.open();
             ScratchMount ramfs = ScratchMount.ramfs(temp.resolve("ramfs"))) {
            assertNotNull(journals.knownHashesFor(root));
            // Like FAT, exFAT or a share (no kernel FAT here): a type not known to keep POSIX change times.
            assertNull(journals.knownHashesFor(ramfs.path().toRealPath()));
        }
    }

    /**
     * Waits until a change now gets another change time than one made before: the clock of file
     * times ticks every few milliseconds, and this test's clock runs ahead, which in use is the
     * guard against a change in the same tick ({@link KnownHashes#settled}).
     */
    private static void nextTick() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads the file whole as a copy does, noting the read; returns its hash. */
    private static String readWhole(LocalReplica replica, String path) throws IOException {
        Replica.HashedRead noted = replica.beginHashedRead(path);
        assertNotNull(noted, "settled");
        String hash;
        try (InputStream in = replica.openRead(path)) {
            hash = ContentHash.of(in);
        }
        noted.done(hash);
        return hash;
    }
}
