package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The value that carries ACLs between replicas. */
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
