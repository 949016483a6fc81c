package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LocalReplica} keeps the {@link Replica} contract, and what only a real file system can show. */
class LocalReplicaConformanceTest extends ReplicaConformanceTest {

    @TempDir
    Path temp;

    private Path root;

    @Override
    protected Replica newEmptyReplica() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        return open(root);
    }

    /** Opens the folder as the replica under test. */
    protected LocalReplica open(Path folder) throws IOException {
        return LocalReplica.open(folder);
    }

    @Test
    void missingRootIsRefusedWithItsName() {
        NoSuchFileException error = assertThrows(NoSuchFileException.class,
                () -> LocalReplica.open(temp.resolve("not-there")));
        assertTrue(error.getMessage().contains("not-there"), error.getMessage());
    }

    @Test
    void symbolicLinkIsListedButNeverFollowed() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not touch");
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertEquals(EntryType.SYMLINK, replica.stat("link").orElseThrow().type());
        assertThrows(UnsafePathException.class, () -> write("link/secret", bytes("overwritten"), 0644));
        assertThrows(UnsafePathException.class, () -> replica.delete("link/secret"));
        assertThrows(UnsafePathException.class, () -> replica.mkdirs("link/new"));
        assertThrows(IOException.class, () -> replica.openRead("link/secret").close());
        assertThrows(IOException.class, () -> replica.list("link").close());
        assertEquals("do not touch", Files.readString(outside.resolve("secret")));
        assertFalse(Files.exists(outside.resolve("new")));
        replica.delete("link");
        assertTrue(Files.exists(outside.resolve("secret")), "deleting a link leaves its target");
    }

    @Test
    void nameThatIsNotUtf8IsListedAsBadName() throws Exception {
        Process touch = new ProcessBuilder("python3", "-c",
                "import os,sys; open(os.path.join(os.fsencode(sys.argv[1]), b'caf\\xe9.txt'), 'wb').close()",
                root.toString()).inheritIO().start();
        assertEquals(0, touch.waitFor());
        try (Stream<FileEntry> children = replica.list("")) {
            List<FileEntry> list = children.toList();
            assertEquals(1, list.size());
            assertEquals(EntryType.BAD_NAME, list.get(0).type());
        }
    }

    @Test
    void leftoverTemporaryFilesAreNotListedAndAreRemoved() throws IOException {
        Path leftOver = Files.writeString(root.resolve(Replica.TEMP_PREFIX + "0123"), "half-written");
        write("real", bytes("x"), 0644);
        assertEquals(Set.of("real"), names(""));
        assertFalse(Files.exists(leftOver), "the listing removed it");
    }

    @Test
    void writeMakesNoOtherEntryAppear() throws IOException {
        write("a", bytes("x".repeat(3_000_000)), 0644);
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(root.resolve("a")), files.toList());
        }
    }
}
