package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The value that carries ACLs between replicas, and the text form of Windows ACL entries. */
class ExtendedAttributesTest {

    @Test
    void equalByKindNamesAndBytesAndImmuneToTheCallersArrays() {
        byte[] value = bytes("v");
        Map<String, byte[]> values = new TreeMap<>(Map.of("user.a", value));
        ExtendedAttributes attributes = ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, values);
        value[0] = 'x';
        values.put("user.b", bytes("added"));
        attributes.values().get("user.a")[0] = 'y';
        assertEquals(ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, Map.of("user.a", bytes("v"))), attributes);
        assertEquals(ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, Map.of("user.a", bytes("v"))).hashCode(),
                attributes.hashCode());
        assertNotEquals(ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, Map.of("user.a", bytes("w"))), attributes);
        assertNotEquals(ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX),
                ExtendedAttributes.none(ExtendedAttributes.Kind.WINDOWS));
    }

    @Test
    void namesThatAreNotCopiedCannotBeCarried() {
        for (String name : List.of("security.selinux", "trusted.md5", "system.nfs4_acl", "owner")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, Map.of(name, bytes("x"))), name);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ExtendedAttributes.of(ExtendedAttributes.Kind.WINDOWS, Map.of("user.a", bytes("x"))));
        assertThrows(IllegalArgumentException.class, () -> ExtendedAttributes.none(ExtendedAttributes.Kind.NONE));
    }

    @Test
    void survivesSerialization() throws Exception {
        ExtendedAttributes attributes = ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, Map.of(
                ExtendedAttributes.LINUX_ACCESS_ACL, ReplicaConformanceTest.accessAcl(1000, 6),
                "user.\u00e9t\u00e9", new byte[] {0, (byte) 0xff}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(attributes);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(attributes, in.readObject());
        }
    }

    /** Only the text form: applying it needs NTFS, which no machine here has. */
    @Test
    void windowsAclEntriesRoundTripThroughTheirTextForm() throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.DENY)
                .setPrincipal(lookup.lookupPrincipalByName("root"))
                .setPermissions(EnumSet.of(AclEntryPermission.WRITE_DATA, AclEntryPermission.READ_DATA))
                .setFlags(EnumSet.of(AclEntryFlag.FILE_INHERIT)).build();
        String line = WindowsAttributes.line(entry);
        assertEquals("DENY\troot\tREAD_DATA,WRITE_DATA\tFILE_INHERIT", line);
        assertEquals(List.of(entry), WindowsAttributes.parse(line + "\n", lookup));
        assertThrows(IllegalArgumentException.class, () -> WindowsAttributes.parse("ALLOW\troot", lookup));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
