package org.syncline.sync.replica;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of {@link Replica}, once, for every implementation (in the manner of restic's
 * backend test suite). An implementation's test extends this class and supplies an empty replica;
 * the class is exported in this module's test-jar so that the agent replica joins it.
 */
public abstract class ReplicaConformanceTest {

    private static final long MTIME = 1_700_000_000_000L;

    protected Replica replica;

    /** A new, empty replica for one test. */
    protected abstract Replica newEmptyReplica() throws IOException;

    @BeforeEach
    void createReplica() throws IOException {
        replica = newEmptyReplica();
    }

    @Test
    void statOfMissingPathIsEmpty() throws IOException {
        assertTrue(replica.stat("nothing-here").isEmpty());
        assertTrue(replica.stat("").orElseThrow().isDirectory(), "the root is a folder");
    }

    @Test
    void writeThenStatAndReadBack() throws IOException {
        byte[] content = bytes("hello, replica");
        WriteResult result = write("a.txt", content, 0640);
        assertEquals(content.length, result.size());
        assertEquals(ContentHash.of(content), result.hash(), "the content hash is reported without an expected one too");
        WriteResult verified = replica.write("b.txt", new ByteArrayInputStream(content),
                new WriteRequest(content.length, ContentHash.of(content), MTIME, 0640, null));
        assertEquals(ContentHash.of(content), verified.hash(), "an expected hash is verified and returned");
        FileEntry entry = replica.stat("a.txt").orElseThrow();
        assertEquals(EntryType.FILE, entry.type());
        assertEquals(content.length, entry.size());
        assertEquals(MTIME, entry.mtimeMillis());
        if (replica.capabilities().posixPermissions()) {
            assertEquals(0640, entry.mode());
        }
        assertArrayEquals(content, read("a.txt"));
    }

    @Test
    void writeReplacesExistingFile() throws IOException {
        write("a.txt", bytes("old content"), 0644);
        write("a.txt", bytes("new"), 0644);
        assertArrayEquals(bytes("new"), read("a.txt"));
        assertEquals(Set.of("a.txt"), names(""));
    }

    @Test
    void writeOfEmptyFile() throws IOException {
        write("empty", new byte[0], 0644);
        assertEquals(0, replica.stat("empty").orElseThrow().size());
    }

    @Test
    void wrongSizeIsRefusedAndOldContentKept() throws IOException {
        write("a.txt", bytes("old"), 0644);
        WriteRequest tooLong = new WriteRequest(10, null, MTIME, 0644, null);
        assertThrows(ContentMismatchException.class,
                () -> replica.write("a.txt", new ByteArrayInputStream(bytes("short")), tooLong));
        WriteRequest tooShort = new WriteRequest(2, null, MTIME, 0644, null);
        assertThrows(ContentMismatchException.class,
                () -> replica.write("a.txt", new ByteArrayInputStream(bytes("longer")), tooShort));
        assertArrayEquals(bytes("old"), read("a.txt"));
        assertEquals(Set.of("a.txt"), names(""), "no temporary file is left or listed");
    }

    @Test
    void wrongHashIsRefusedAndOldContentKept() throws IOException {
        write("a.txt", bytes("old"), 0644);
        byte[] content = bytes("new");
        WriteRequest request = new WriteRequest(content.length, ContentHash.of(bytes("other")), MTIME, 0644, null);
        assertThrows(ContentMismatchException.class,
                () -> replica.write("a.txt", new ByteArrayInputStream(content), request));
        assertArrayEquals(bytes("old"), read("a.txt"));
    }

    @Test
    void failingSourceStreamLeavesTargetUntouched() throws IOException {
        write("a.txt", bytes("old"), 0644);
        InputStream failing = new InputStream() {
            private int left = 5;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("source disk unplugged");
                }
                return 'x';
            }
        };
        IOException error = assertThrows(IOException.class,
                () -> replica.write("a.txt", failing, new WriteRequest(100, null, MTIME, 0644, null)));
        assertEquals("source disk unplugged", error.getMessage());
        assertArrayEquals(bytes("old"), read("a.txt"));
        assertEquals(Set.of("a.txt"), names(""));
    }

    @Test
    void writeIntoMissingFolderFails() {
        assertThrows(NoSuchFileException.class, () -> write("no/such/folder.txt", bytes("x"), 0644));
    }

    @Test
    void writeOverFolderFails() throws IOException {
        replica.mkdirs("dir");
        assertThrows(IOException.class, () -> write("dir", bytes("x"), 0644));
        assertTrue(replica.stat("dir").orElseThrow().isDirectory());
    }

    @Test
    void replacedContentIsPreservedWhenAsked() throws IOException {
        write("a.txt", bytes("version 1"), 0644);
        byte[] content = bytes("version 2");
        WriteRequest request = new WriteRequest(content.length, null, MTIME + 1000, 0644, "archive/deep/a.txt~1");
        replica.write("a.txt", new ByteArrayInputStream(content), request);
        assertArrayEquals(content, read("a.txt"));
        assertArrayEquals(bytes("version 1"), read("archive/deep/a.txt~1"));
        assertEquals(MTIME, replica.stat("archive/deep/a.txt~1").orElseThrow().mtimeMillis());
    }

    @Test
    void listReturnsDirectChildrenWithTypes() throws IOException {
        replica.mkdirs("dir/sub");
        write("dir/f1", bytes("1"), 0644);
        write("top", bytes("22"), 0644);
        try (Stream<FileEntry> children = replica.list("")) {
            List<FileEntry> list = children.sorted((a, b) -> a.path().compareTo(b.path())).toList();
            assertEquals(List.of("dir", "top"), list.stream().map(FileEntry::path).toList());
            assertEquals(EntryType.DIRECTORY, list.get(0).type());
            assertEquals(2, list.get(1).size());
        }
        assertEquals(Set.of("dir/f1", "dir/sub"), names("dir"));
        assertEquals(Set.of(), names("dir/sub"));
    }

    @Test
    void listOfMissingOrNonFolderFails() throws IOException {
        write("file", bytes("x"), 0644);
        assertThrows(NoSuchFileException.class, () -> replica.list("missing").close());
        assertThrows(IOException.class, () -> replica.list("file").close());
    }

    @Test
    void deleteFileAndEmptyFolder() throws IOException {
        replica.mkdirs("dir");
        write("dir/f", bytes("x"), 0644);
        assertThrows(DirectoryNotEmptyException.class, () -> replica.delete("dir"));
        replica.delete("dir/f");
        replica.delete("dir");
        assertTrue(replica.stat("dir").isEmpty());
        assertThrows(NoSuchFileException.class, () -> replica.delete("dir"));
    }

    @Test
    void mkdirsCreatesParentsAndIsIdempotent() throws IOException {
        replica.mkdirs("a/b/c");
        replica.mkdirs("a/b/c");
        assertTrue(replica.stat("a/b").orElseThrow().isDirectory());
        write("a/file", bytes("x"), 0644);
        assertThrows(FileAlreadyExistsException.class, () -> replica.mkdirs("a/file"));
    }

    @Test
    void renameMovesAndNeverReplaces() throws IOException {
        write("from", bytes("moving"), 0644);
        write("taken", bytes("stays"), 0644);
        assertThrows(FileAlreadyExistsException.class, () -> replica.rename("from", "taken"));
        assertArrayEquals(bytes("moving"), read("from"));
        assertArrayEquals(bytes("stays"), read("taken"));
        replica.mkdirs("dir");
        replica.rename("from", "dir/to");
        assertTrue(replica.stat("from").isEmpty());
        assertArrayEquals(bytes("moving"), read("dir/to"));
        assertEquals(MTIME, replica.stat("dir/to").orElseThrow().mtimeMillis());
        assertThrows(NoSuchFileException.class, () -> replica.rename("from", "again"));
    }

    @Test
    void renameFolderMovesItsContent() throws IOException {
        replica.mkdirs("old/sub");
        write("old/sub/f", bytes("x"), 0644);
        replica.rename("old", "new");
        assertArrayEquals(bytes("x"), read("new/sub/f"));
        assertTrue(replica.stat("old").isEmpty());
    }

    @Test
    void setAttributesOnFileAndFolder() throws IOException {
        write("f", bytes("x"), 0644);
        replica.mkdirs("d");
        replica.setAttributes("f", MTIME + 5000, 0600);
        replica.setAttributes("d", MTIME + 7000, 0700);
        FileEntry file = replica.stat("f").orElseThrow();
        assertEquals(MTIME + 5000, file.mtimeMillis());
        assertEquals(MTIME + 7000, replica.stat("d").orElseThrow().mtimeMillis());
        if (replica.capabilities().posixPermissions()) {
            assertEquals(0600, file.mode());
            assertEquals(0700, replica.stat("d").orElseThrow().mode());
        }
        replica.setAttributes("f", MTIME, FileEntry.UNKNOWN_MODE);
        assertEquals(file.mode(), replica.stat("f").orElseThrow().mode(), "unknown mode leaves permissions");
        assertThrows(NoSuchFileException.class, () -> replica.setAttributes("missing", MTIME, 0644));
    }

    @Test
    void openReadOfMissingOrFolderFails() throws IOException {
        replica.mkdirs("d");
        assertThrows(NoSuchFileException.class, () -> replica.openRead("missing").close());
        assertThrows(IOException.class, () -> {
            try (InputStream in = replica.openRead("d")) {
                in.read();
            }
        });
    }

    @Test
    void aReadHintChangesNothingAndReportsNothing() throws IOException {
        write("f", bytes("content"), 0644);
        replica.mkdirs("d");
        FileEntry before = replica.stat("f").orElseThrow();
        for (String path : List.of("f", "d", "missing", "d/missing/deeper", "../escape", "")) {
            replica.willRead(path, 1 << 20);
            replica.willRead(path, 0);
        }
        assertEquals(Set.of("f", "d"), names(""));
        assertEquals(before, replica.stat("f").orElseThrow());
        assertArrayEquals(bytes("content"), read("f"));
        assertTrue(names("d").isEmpty());
    }

    @Test
    void invalidPathsAreRefusedBeforeTouchingAnything() {
        for (String bad : List.of("../escape", "/absolute", "a//b", "a/./b", "a/../b", "trailing/")) {
            assertThrows(IllegalArgumentException.class, () -> replica.stat(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> write(bad, bytes("x"), 0644), bad);
            assertThrows(IllegalArgumentException.class, () -> replica.mkdirs(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> replica.delete(bad), bad);
        }
    }

    @Test
    void concurrentWritesToDifferentFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WriteResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "file-" + i;
                results.add(pool.submit(() -> write(name, bytes(name.repeat(100)), 0644)));
            }
            for (Future<WriteResult> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, names("").size());
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(bytes(("file-" + i).repeat(100)), read("file-" + i));
        }
    }

    @Test
    void flushAfterChangesSucceeds() throws IOException {
        replica.mkdirs("d");
        write("d/f", bytes("x"), 0644);
        replica.rename("d/f", "d/g");
        replica.delete("d/g");
        replica.flush();
        assertFalse(replica.stat("d/g").isPresent());
    }

    @Test
    void writeGivesTheFileExactlyTheRequestedAttributes() throws IOException {
        assumeLinuxAttributes();
        ExtendedAttributes first = linux("user.origin", bytes("scanner"), ExtendedAttributes.LINUX_ACCESS_ACL,
                accessAcl(65534, 4));
        WriteResult result = writeWith("a.txt", bytes("one"), first);
        assertNull(result.attributesRefusedBy());
        assertEquals(first, replica.readExtendedAttributes("a.txt"));
        ExtendedAttributes second = linux("user.other", new byte[] {0, 1, 2, (byte) 255});
        writeWith("a.txt", bytes("two"), second);
        assertEquals(second, replica.readExtendedAttributes("a.txt"), "nothing of the replaced file survives");
        writeWith("a.txt", bytes("three"), ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertTrue(replica.readExtendedAttributes("a.txt").isEmpty());
    }

    @Test
    void newFileGetsNoAttributesItsFolderWouldHandDown() throws IOException {
        assumeLinuxAttributes();
        ExtendedAttributes inheriting = linux(ExtendedAttributes.LINUX_DEFAULT_ACL, accessAcl(65534, 7),
                ExtendedAttributes.LINUX_ACCESS_ACL, accessAcl(65534, 5));
        replica.mkdirs("shared/deep", inheriting);
        assertEquals(inheriting, replica.readExtendedAttributes("shared/deep"));
        assertTrue(replica.readExtendedAttributes("shared").isEmpty(), "parents made on the way get the defaults");
        writeWith("shared/deep/private.txt", bytes("mine"), ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertTrue(replica.readExtendedAttributes("shared/deep/private.txt").isEmpty());
        replica.mkdirs("shared/deep/sub", ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertTrue(replica.readExtendedAttributes("shared/deep/sub").isEmpty());
    }

    @Test
    void setExtendedAttributesReplacesTheWholeSet() throws IOException {
        assumeLinuxAttributes();
        writeWith("f", bytes("x"), linux("user.a", bytes("1"), "user.b", bytes("2")));
        replica.mkdirs("d");
        ExtendedAttributes wanted = linux("user.b", bytes("changed"), "user.c", bytes("3"),
                ExtendedAttributes.LINUX_ACCESS_ACL, accessAcl(65534, 6));
        replica.setExtendedAttributes("f", wanted);
        replica.setExtendedAttributes("d", wanted);
        assertEquals(wanted, replica.readExtendedAttributes("f"));
        assertEquals(wanted, replica.readExtendedAttributes("d"));
        replica.setExtendedAttributes("f", ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertTrue(replica.readExtendedAttributes("f").isEmpty());
        assertArrayEquals(bytes("x"), read("f"), "content untouched");
    }

    @Test
    void attributesStayWithARenamedFile() throws IOException {
        assumeLinuxAttributes();
        ExtendedAttributes attributes = linux("user.tag", bytes("keep"));
        writeWith("from", bytes("x"), attributes);
        replica.mkdirs("dir");
        replica.rename("from", "dir/to");
        assertEquals(attributes, replica.readExtendedAttributes("dir/to"));
    }

    @Test
    void attributesOfMissingEntriesOrAnotherKindAreRefused() throws IOException {
        assumeLinuxAttributes();
        assertThrows(NoSuchFileException.class, () -> replica.readExtendedAttributes("missing"));
        assertThrows(NoSuchFileException.class, () -> replica.setExtendedAttributes("missing",
                ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX)));
        ExtendedAttributes windows = ExtendedAttributes.of(ExtendedAttributes.Kind.WINDOWS,
                Map.of(ExtendedAttributes.WINDOWS_DOS_FLAGS, bytes("hidden")));
        write("f", bytes("old"), 0644);
        assertThrows(IllegalArgumentException.class, () -> replica.setExtendedAttributes("f", windows));
        assertThrows(IllegalArgumentException.class, () -> writeWith("f", bytes("new"), windows));
        assertArrayEquals(bytes("old"), read("f"));
        assertEquals(Set.of("f"), names(""));
    }

    @Test
    void aStagedLinkAppearsOnlyWhenCommittedAndIsNeverFollowed() throws IOException {
        assumeLinks();
        StagedWrite staged = replica.stageLink("link", "../elsewhere/target file", linkRequest(null));
        assertTrue(replica.stat("link").isEmpty(), "nothing at the path before the commit");
        assertEquals(Set.of(), names(""), "the staged link is not listed");
        replica.force(staged);
        assertEquals(0, replica.commit(staged).size(), "no content is written for a link");
        FileEntry link = replica.stat("link").orElseThrow();
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals(FileEntry.linkHash("../elsewhere/target file"), link.hash(), "stat gives the target's hash");
        assertEquals("../elsewhere/target file".length(), link.size());
        assertEquals("../elsewhere/target file", replica.readLink("link"));
        try (Stream<FileEntry> listed = replica.list("")) {
            assertEquals(List.of(link), listed.toList(), "list gives the same entry as stat");
        }
        assertThrows(IOException.class, () -> replica.openRead("link").close(), "a dangling link is not read through");
        replica.flush();
    }

    @Test
    void aCommittedLinkReplacesAFileOrLinkButNeverAFolder() throws IOException {
        assumeLinks();
        write("a", bytes("a file"), 0644);
        commitLink("a", "first", linkRequest("archive/a~1"));
        assertEquals("first", replica.readLink("a"));
        assertEquals(EntryType.FILE, replica.stat("archive/a~1").orElseThrow().type(), "the replaced file was kept");
        commitLink("a", "second", linkRequest(null));
        assertEquals("second", replica.readLink("a"));
        write("a", bytes("a file again"), 0644);
        assertArrayEquals(bytes("a file again"), read("a"), "a file replaces a link");
        replica.mkdirs("dir");
        assertThrows(IOException.class, () -> commitLink("dir", "x", linkRequest(null)));
        assertTrue(replica.stat("dir").orElseThrow().isDirectory());
        assertEquals(Set.of("a", "archive", "dir"), names(""), "nothing left behind");
    }

    @Test
    void aDiscardedLinkLeavesNothingAndLinksRenameAndDeleteAsEntries() throws IOException {
        assumeLinks();
        replica.discard(replica.stageLink("gone", "t", linkRequest(null)));
        assertEquals(Set.of(), names(""));
        commitLink("l", "/absolute/target", linkRequest(null));
        replica.mkdirs("sub");
        replica.rename("l", "sub/l");
        assertEquals("/absolute/target", replica.readLink("sub/l"));
        replica.setAttributes("sub/l", MTIME + 5000, 0600);
        assertEquals("/absolute/target", replica.readLink("sub/l"), "attributes leave the target alone");
        replica.delete("sub/l");
        assertTrue(replica.stat("sub/l").isEmpty());
        write("f", bytes("x"), 0644);
        assertThrows(java.nio.file.NotLinkException.class, () -> replica.readLink("f"));
        assertThrows(NoSuchFileException.class, () -> replica.readLink("missing"));
    }

    @Test
    void aRequestedOwnerIsGivenToFilesLinksAndFoldersWhereTheReplicaKeepsOwners() throws IOException {
        write("mine", bytes("x"), 0644);
        Optional<Ownership> mine = replica.owner("mine");
        assumeTrue(mine.isPresent() && mine.get().uid() == 0, "the replica keeps owners and this test runs as root");
        Ownership alice = new Ownership(4242, 4343);
        byte[] content = bytes("alice's");
        replica.write("hers", new ByteArrayInputStream(content), new WriteRequest(content.length, null, MTIME, 0600, null)
                .withOwner(alice));
        assertEquals(Optional.of(alice), replica.owner("hers"));
        commitLink("link", "hers", linkRequest(null).withOwner(alice));
        assertEquals(Optional.of(alice), replica.owner("link"), "the link itself");
        replica.mkdirs("dir");
        assertTrue(replica.setOwner("dir", alice));
        assertEquals(Optional.of(alice), replica.owner("dir"));
    }

    private void commitLink(String path, String target, WriteRequest request) throws IOException {
        StagedWrite staged = replica.stageLink(path, target, request);
        try {
            replica.force(staged);
        } catch (IOException | RuntimeException e) {
            replica.discard(staged);
            throw e;
        }
        replica.commit(staged);
    }

    private static WriteRequest linkRequest(String preserveReplacedAs) {
        return new WriteRequest(0, null, MTIME, FileEntry.UNKNOWN_MODE, preserveReplacedAs);
    }

    /** Skips a test for a replica that cannot hold symbolic links. */
    protected void assumeLinks() {
        assumeTrue(replica.capabilities().symbolicLinks(), "the replica keeps no symbolic links");
    }

    /** Skips a test for a replica that does not keep Linux ACLs; Windows values are not exercised (no such machine). */
    protected void assumeLinuxAttributes() {
        assumeTrue(replica.capabilities().extendedAttributes() == ExtendedAttributes.Kind.LINUX,
                "the replica keeps no Linux ACLs or extended attributes");
    }

    protected WriteResult writeWith(String path, byte[] content, ExtendedAttributes attributes) throws IOException {
        return replica.write(path, new ByteArrayInputStream(content),
                new WriteRequest(content.length, null, MTIME, 0640, null, attributes));
    }

    /** Linux attributes from alternating names and values. */
    protected static ExtendedAttributes linux(Object... namesAndValues) {
        Map<String, byte[]> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], (byte[]) namesAndValues[i + 1]);
        }
        return ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, values);
    }

    /**
     * A POSIX ACL in the kernel's extended attribute form: owner rw, the named user {@code uid} with
     * {@code permissions} (r=4, w=2, x=1), owning group r, mask = {@code permissions | 4}, others nothing.
     */
    protected static byte[] accessAcl(int uid, int permissions) {
        ByteBuffer acl = ByteBuffer.allocate(4 + 5 * 8).order(ByteOrder.LITTLE_ENDIAN).putInt(2);
        int undefined = -1;
        acl.putShort((short) 0x01).putShort((short) 6).putInt(undefined);
        acl.putShort((short) 0x02).putShort((short) permissions).putInt(uid);
        acl.putShort((short) 0x04).putShort((short) 4).putInt(undefined);
        acl.putShort((short) 0x10).putShort((short) (permissions | 4)).putInt(undefined);
        acl.putShort((short) 0x20).putShort((short) 0).putInt(undefined);
        return acl.array();
    }

    protected WriteResult write(String path, byte[] content, int mode) throws IOException {
        return replica.write(path, new ByteArrayInputStream(content),
                new WriteRequest(content.length, null, MTIME, mode, null));
    }

    protected byte[] read(String path) throws IOException {
        try (InputStream in = replica.openRead(path)) {
            return in.readAllBytes();
        }
    }

    protected Set<String> names(String dir) throws IOException {
        try (Stream<FileEntry> children = replica.list(dir)) {
            return children.map(FileEntry::path).collect(Collectors.toSet());
        }
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
