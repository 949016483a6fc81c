package org.syncline.sync.replica;

/**
 * What a replica's underlying file system can hold; the reconciler uses it to refuse operations
 * that would silently collide or fail on that replica.
 *
 * @param caseSensitive      whether {@code a.txt} and {@code A.txt} are two different entries
 * @param windowsNames       whether names must follow Windows rules (no reserved device names such as
 *                           {@code CON}, no {@code <>:"\|?*} or control characters, no trailing dot
 *                           or space)
 * @param posixPermissions   whether POSIX permission bits are stored
 * @param extendedAttributes which kind of ACLs and extended attributes the replica reads and applies
 *                           ({@link ExtendedAttributes.Kind#NONE}: none; they are then neither read
 *                           from it nor copied to it). A file system below the root that cannot hold
 *                           them after all is reported per write (see
 *                           {@link ExtendedAttributesUnsupportedException})
 * @param symbolicLinks      whether symbolic links can be created ({@link Replica#stageLink}); a link
 *                           found on another path is then synchronized as a link, else reported
 * @param owners             whether the replica lists its entries with their owners
 *                           ({@link FileEntry#owner}) because it may give files to other owners here (a
 *                           process running as root, on a file system that lets it); owners that differ
 *                           are then compared and handed on ({@link Replica#setOwner})
 */
public record ReplicaCapabilities(boolean caseSensitive, boolean windowsNames, boolean posixPermissions,
                                  ExtendedAttributes.Kind extendedAttributes, boolean symbolicLinks, boolean owners) {

    /** A typical Linux file system, written by a process that is not root. */
    public static final ReplicaCapabilities POSIX = new ReplicaCapabilities(true, false, true,
            ExtendedAttributes.Kind.LINUX, true, false);

    /** A typical Windows (NTFS) volume. */
    public static final ReplicaCapabilities WINDOWS = new ReplicaCapabilities(false, true, false,
            ExtendedAttributes.Kind.WINDOWS, false, false);

    /** These capabilities with another kind of ACLs and extended attributes. */
    public ReplicaCapabilities withExtendedAttributes(ExtendedAttributes.Kind kind) {
        return new ReplicaCapabilities(caseSensitive, windowsNames, posixPermissions, kind, symbolicLinks, owners);
    }

    /** Whether this replica can apply attributes read from a replica with {@code other} capabilities. */
    public boolean takesExtendedAttributesOf(ReplicaCapabilities other) {
        return extendedAttributes != ExtendedAttributes.Kind.NONE && extendedAttributes == other.extendedAttributes;
    }
}
