package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The two ways a local replica reads an entry, with its owner (as root) and without, give the same
 * entry but for the owner: what runs as root and what runs as another user compare alike.
 */
class LocalEntryReadingTest {

    @TempDir
    Path root;

    @Test
    void readingWithTheOwnerGivesTheSameEntryForEveryKind() throws IOException, InterruptedException {
        Path file = Files.writeString(root.resolve("report.txt"), "the report");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_123L));
        Path folder = Files.createDirectory(root.resolve("docs"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(root.resolve("current"), Path.of("report.txt"));
        Path dangling = Files.createSymbolicLink(root.resolve("gone"), Path.of("nowhere/at/all"));
        Path fifo = root.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        for (Path path : List.of(file, folder, link, dangling, fifo)) {
            String name = path.getFileName().toString();
            FileEntry plain = LocalReplica.entryOf(name, path,
                    Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            FileEntry withOwner = LocalReplica.entryWithOwner(name, path);

            assertNull(plain.owner());
            assertNotNull(withOwner.owner());
            assertEquals(plain, withOwner.withOwner(null), name);
            Map<String, Object> ids = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
            assertEquals(new Ownership((Integer) ids.get("uid"), (Integer) ids.get("gid")), withOwner.owner(), name);
        }
        assertEquals(EntryType.FILE, LocalReplica.entryWithOwner("report.txt", file).type());
        assertEquals(0640, LocalReplica.entryWithOwner("report.txt", file).mode());
        assertEquals(EntryType.OTHER, LocalReplica.entryWithOwner("pipe", fifo).type());
    }
}
