package org.syncline.sync.replica;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.ScratchMount;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncline.sync.Acls.getfacl;
import static org.syncline.sync.Acls.getfattr;
import static org.syncline.sync.Acls.setfacl;
import static org.syncline.sync.Acls.setfattr;

/**
 * ACLs and extended attributes of a {@link LocalReplica} on real Linux file systems, checked with
 * {@code getfacl} and {@code getfattr}: what only a real file system can show.
 */
class LocalReplicaAttributesTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path temp;

    private Path root;
    private LocalReplica replica;

    @BeforeEach
    void open() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        replica = LocalReplica.open(root);
        assumeTrue(replica.capabilities().extendedAttributes() == ExtendedAttributes.Kind.LINUX, "Linux only");
    }

    @Test
    void aclSetBySetfaclArrivesIntactOnAnotherFile() throws IOException {
        Path original = Files.writeString(root.resolve("original"), "x");
        setfacl(original, "-m", "u:nobody:rw,g:daemon:r");
        setfattr(original, "user.origin", "scanner");
        ExtendedAttributes read = replica.readExtendedAttributes("original");
        assertEquals(List.of(ExtendedAttributes.LINUX_ACCESS_ACL, "user.origin"), List.copyOf(read.values().keySet()));
        write("copy", "x", read);
        assertEquals(getfacl(original), getfacl(root.resolve("copy")));
        assertEquals(getfattr(original, "^user\\."), getfattr(root.resolve("copy"), "^user\\."));
    }

    @Test
    void securityAndTrustedAttributesAreNeitherReadNorRemoved() throws IOException {
        Path file = Files.writeString(root.resolve("f"), "x");
        setfattr(file, "trusted.backup-tool", "private");
        setfattr(file, "user.kept", "1");
        assertEquals(List.of("user.kept"), List.copyOf(replica.readExtendedAttributes("f").values().keySet()));
        replica.setExtendedAttributes("f", ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertTrue(getfattr(file, "^trusted\\.").contains("trusted.backup-tool=\"private\""));
        assertEquals("", getfattr(file, "^user\\."));
    }

    @Test
    void copiedFileDoesNotInheritTheTargetFoldersDefaultAcl() throws IOException {
        Path open = Files.createDirectories(root.resolve("open"));
        setfacl(open, "-d", "-m", "u:nobody:rwx");
        write("open/private.txt", "secret", ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX));
        assertFalse(getfacl(root.resolve("open/private.txt")).contains("user:65534"),
                getfacl(root.resolve("open/private.txt")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("open/private.txt"))));
    }

    @Test
    void temporaryFileIsPrivateWhileItsContentArrives() throws IOException {
        List<String> seen = new ArrayList<>();
        InputStream watching = new InputStream() {
            private int left = 3;

            @Override
            public int read() throws IOException {
                try (Stream<Path> files = Files.list(root)) {
                    for (Path file : files.toList()) {
                        seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                    }
                }
                return left-- > 0 ? 'x' : -1;
            }
        };
        replica.write("f", watching, new WriteRequest(3, null, MTIME, 0644, null, null));
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch("rw-------"::equals), seen.toString());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("f"))));
    }

    @Test
    void refusalToSetAnAclIsAClearPerFileError() throws Exception {
        Path file = Files.writeString(root.resolve("locked"), "x");
        assumeTrue(new ProcessBuilder("chattr", "+i", file.toString()).start().waitFor() == 0,
                "needs chattr to make a file immutable even for root");
        try {
            AccessDeniedException error = assertThrows(AccessDeniedException.class,
                    () -> replica.setExtendedAttributes("locked", ReplicaConformanceTest.linux(
                            ExtendedAttributes.LINUX_ACCESS_ACL, ReplicaConformanceTest.accessAcl(65534, 4))));
            assertTrue(error.getMessage().contains("locked"), error.getMessage());
            assertTrue(error.getMessage().contains("cannot set its ACL"), error.getMessage());
            assertTrue(error.getMessage().contains("operation not permitted"), error.getMessage());
        } finally {
            new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor();
        }
        assertFalse(getfacl(file).contains("user:65534"));
    }

    @Test
    void fileSystemWithoutAttributesTakesTheContentAndNamesItself() throws Exception {
        try (ScratchMount ramfs = ScratchMount.ramfs(temp.resolve("ramfs"))) {
            LocalReplica plain = LocalReplica.open(ramfs.path());
            ExtendedAttributes attributes = ReplicaConformanceTest.linux("user.origin", bytes("scanner"));
            WriteResult first = plain.write("a", new ByteArrayInputStream(bytes("a")),
                    new WriteRequest(1, null, MTIME, 0644, null, attributes));
            assertTrue(first.attributesRefusedBy().startsWith("ramfs on "), first.attributesRefusedBy());
            assertEquals("a", Files.readString(ramfs.path().resolve("a")));
            WriteResult second = plain.write("b", new ByteArrayInputStream(bytes("b")),
                    new WriteRequest(1, null, MTIME, 0644, null, attributes));
            assertEquals(first.attributesRefusedBy(), second.attributesRefusedBy());
            assertTrue(plain.readExtendedAttributes("a").isEmpty());
            ExtendedAttributesUnsupportedException refused = assertThrows(ExtendedAttributesUnsupportedException.class,
                    () -> plain.mkdirs("d/e", attributes));
            assertTrue(Files.isDirectory(ramfs.path().resolve("d/e")), "the folder is made all the same");
            assertTrue(refused.getMessage().contains("ramfs"), refused.getMessage());
            assertThrows(ExtendedAttributesUnsupportedException.class, () -> plain.setExtendedAttributes("a", attributes));
            WriteResult none = plain.write("c", new ByteArrayInputStream(bytes("c")),
                    new WriteRequest(1, null, MTIME, 0644, null, ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX)));
            assertNull(none.attributesRefusedBy(), "nothing asked for, nothing refused");
        }
    }

    private void write(String path, String content, ExtendedAttributes attributes) throws IOException {
        byte[] bytes = bytes(content);
        replica.write(path, new ByteArrayInputStream(bytes),
                new WriteRequest(bytes.length, null, MTIME, 0640, null, attributes));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
