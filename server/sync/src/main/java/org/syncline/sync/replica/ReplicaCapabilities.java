package org.syncline.sync.replica;

/**
 * What a replica's underlying file system can hold; the reconciler uses it to refuse operations
 * that would silently collide or fail on that replica.
 *
 * @param caseSensitive    whether {@code a.txt} and {@code A.txt} are two different entries
 * @param windowsNames     whether names must follow Windows rules (no reserved device names such as
 *                         {@code CON}, no {@code <>:"\|?*} or control characters, no trailing dot
 *                         or space)
 * @param posixPermissions whether POSIX permission bits are stored
 */
public record ReplicaCapabilities(boolean caseSensitive, boolean windowsNames, boolean posixPermissions) {

    /** A typical Linux file system. */
    public static final ReplicaCapabilities POSIX = new ReplicaCapabilities(true, false, true);

    /** A typical Windows (NTFS) volume. */
    public static final ReplicaCapabilities WINDOWS = new ReplicaCapabilities(false, true, false);
}
