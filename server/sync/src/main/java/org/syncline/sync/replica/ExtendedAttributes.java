package org.syncline.sync.replica;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The access control lists and extended attributes of one file or folder, as an opaque value that
 * travels from one replica to another: read by {@link Replica#readExtendedAttributes}, handed back
 * in a {@link WriteRequest}, to {@link Replica#mkdirs(String, ExtendedAttributes)} or to
 * {@link Replica#setExtendedAttributes}. Only a replica of the same {@link Kind} can apply it, so a
 * Linux ACL never lands on Windows or the other way round. Immutable and serializable (a wire form
 * needs only the kind and the name-to-bytes map); equal when kind, names and bytes are equal.
 *
 * <p>What a kind holds:
 * <ul>
 *   <li>{@link Kind#LINUX}: the extended attributes {@value #LINUX_ACCESS_ACL},
 *       {@value #LINUX_DEFAULT_ACL} (folders) and every {@code user.*} one, with the kernel's
 *       bytes. ACL entries name users and groups by numeric id (as {@code rsync -A --numeric-ids}
 *       does): the machines must share their user and group ids. Names are the raw bytes read as
 *       ISO-8859-1 characters, so that any name round-trips.</li>
 *   <li>{@link Kind#WINDOWS}: {@value #WINDOWS_OWNER}, {@value #WINDOWS_ACL} and
 *       {@value #WINDOWS_DOS_FLAGS}, as UTF-8 text written by the replica that read them.</li>
 * </ul>
 *
 * @param kind   the platform whose replicas can apply these values; never {@link Kind#NONE}
 * @param values attribute name to value, sorted by name; an empty map for an entry that has none
 */
public record ExtendedAttributes(Kind kind, SortedMap<String, byte[]> values) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The POSIX access ACL of a file or folder, for {@link Kind#LINUX}. */
    public static final String LINUX_ACCESS_ACL = "system.posix_acl_access";
    /** The POSIX default ACL of a folder (inherited by new entries in it), for {@link Kind#LINUX}. */
    public static final String LINUX_DEFAULT_ACL = "system.posix_acl_default";
    /** Name of the owner's principal, for {@link Kind#WINDOWS}. */
    public static final String WINDOWS_OWNER = "owner";
    /** The entries of the access control list, one per line, for {@link Kind#WINDOWS}. */
    public static final String WINDOWS_ACL = "acl";
    /**
     * The DOS flags that are set ({@code readonly}, {@code hidden}, {@code system}, {@code archive}),
     * for {@link Kind#WINDOWS}.
     */
    public static final String WINDOWS_DOS_FLAGS = "dos";

    /** Whose ACLs and extended attributes: a replica can hold and apply one kind, or none. */
    public enum Kind {
        /** The replica keeps none (another platform, or a file system without them). */
        NONE,
        /** POSIX ACLs and {@code user.*} extended attributes of Linux. */
        LINUX,
        /** NTFS owner and ACL, and the DOS flags, through {@code java.nio}. */
        WINDOWS
    }

    /**
     * @throws IllegalArgumentException if {@code kind} is {@link Kind#NONE} or a name is not one that
     *                                  is copied for {@code kind} (see {@link #copied}): such a value
     *                                  cannot be built, whoever sends it
     */
    public ExtendedAttributes {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.NONE) {
            throw new IllegalArgumentException("attributes of kind NONE cannot exist");
        }
        TreeMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            if (!copied(kind, entry.getKey())) {
                throw new IllegalArgumentException(entry.getKey() + " is not an attribute copied on " + kind);
            }
            copy.put(entry.getKey(), entry.getValue().clone());
        }
        values = Collections.unmodifiableSortedMap(copy);
    }

    /** Whether an attribute of this name travels with its file on {@code kind}; see the class comment. */
    public static boolean copied(Kind kind, String name) {
        return switch (kind) {
            case LINUX -> name.startsWith("user.") || name.equals(LINUX_ACCESS_ACL) || name.equals(LINUX_DEFAULT_ACL);
            case WINDOWS -> name.equals(WINDOWS_OWNER) || name.equals(WINDOWS_ACL) || name.equals(WINDOWS_DOS_FLAGS);
            case NONE -> false;
        };
    }

    /** An entry of this kind without any ACL or extended attribute. */
    public static ExtendedAttributes none(Kind kind) {
        return new ExtendedAttributes(kind, new TreeMap<>());
    }

    /** Attributes of {@code kind} with the given values (copied). */
    public static ExtendedAttributes of(Kind kind, Map<String, byte[]> values) {
        return new ExtendedAttributes(kind, new TreeMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of one attribute (a copy), or {@code null}. */
    public byte[] get(String name) {
        byte[] value = values.get(name);
        return value == null ? null : value.clone();
    }

    @Override
    public SortedMap<String, byte[]> values() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(name, value.clone()));
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ExtendedAttributes that) || kind != that.kind
                || !values.keySet().equals(that.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            if (!Arrays.equals(entry.getValue(), that.values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = kind.hashCode();
        for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            hash = 31 * hash + (entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue()));
        }
        return hash;
    }

    /** Kind and names only: values may be large and binary. */
    @Override
    public String toString() {
        return kind + values.keySet().toString();
    }
}
