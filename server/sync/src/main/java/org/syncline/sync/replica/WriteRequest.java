package org.syncline.sync.replica;

/**
 * What {@link Replica#write} must produce, and what it must verify before the new content becomes
 * visible.
 *
 * @param expectedSize       the exact number of bytes the content stream must deliver
 * @param expectedHash       the {@link ContentHash} the content must have, or {@code null} to only
 *                           verify that what reached the disk equals what was read from the stream
 * @param mtimeMillis        modification time to give the file
 * @param mode               POSIX permission bits to give the file, or {@link FileEntry#UNKNOWN_MODE}
 *                           to keep the replica's default
 * @param preserveReplacedAs when not {@code null} and the target exists, the replaced content stays
 *                           available at this relative path (its parent folders are created); used
 *                           for archiving and versioning
 * @param attributes         the ACLs and extended attributes the file must have, exactly (any it
 *                           would inherit from its folder are removed), of the replica's
 *                           {@linkplain ReplicaCapabilities#extendedAttributes() kind}; they are
 *                           applied to the temporary file before it is forced and renamed, so the
 *                           file never appears at its path without them. {@code null} leaves what a
 *                           new file in that folder gets
 * @param lockReplaced       whether a file being replaced must not be locked by another program: where
 *                           the replica can lock files, the commit takes an exclusive lock on it and
 *                           fails with {@link FileLockedException} when another program holds one
 *                           (it may be working on the file), leaving it as it is
 * @param owner              the owner and group the file must have, where the replica keeps owners and
 *                           may give files to other users ({@link WriteResult#ownerNotKept()} tells
 *                           when it may not); {@code null} leaves what a new file gets (this process's)
 */
public record WriteRequest(long expectedSize, String expectedHash, long mtimeMillis, int mode,
                           String preserveReplacedAs, ExtendedAttributes attributes, boolean lockReplaced,
                           Ownership owner) {

    /** A request that sets no owner. */
    public WriteRequest(long expectedSize, String expectedHash, long mtimeMillis, int mode,
                        String preserveReplacedAs, ExtendedAttributes attributes, boolean lockReplaced) {
        this(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, attributes, lockReplaced, null);
    }

    /** A request that does not lock the file it replaces. */
    public WriteRequest(long expectedSize, String expectedHash, long mtimeMillis, int mode,
                        String preserveReplacedAs, ExtendedAttributes attributes) {
        this(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, attributes, false);
    }

    /** A request that leaves ACLs and extended attributes as a new file gets them. */
    public WriteRequest(long expectedSize, String expectedHash, long mtimeMillis, int mode,
                        String preserveReplacedAs) {
        this(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, null);
    }

    /** A request to write {@code source}'s content with its time and mode (ACLs: see {@link #withAttributes}). */
    public static WriteRequest copyOf(FileEntry source) {
        return new WriteRequest(source.size(), source.hash(), source.mtimeMillis(), source.mode(), null, null);
    }

    /** This request, keeping the replaced content at {@code archivePath}. */
    public WriteRequest preservingReplacedAs(String archivePath) {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, mode, archivePath, attributes, lockReplaced,
                owner);
    }

    /** This request without setting permissions. */
    public WriteRequest withoutMode() {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, FileEntry.UNKNOWN_MODE, preserveReplacedAs,
                attributes, lockReplaced, owner);
    }

    /** This request with exactly these ACLs and extended attributes ({@code null}: as new files get them). */
    public WriteRequest withAttributes(ExtendedAttributes extendedAttributes) {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, extendedAttributes,
                lockReplaced, owner);
    }

    /** This request, refusing to replace a file that another program holds locked ({@link #lockReplaced}). */
    public WriteRequest lockingReplaced() {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, attributes, true,
                owner);
    }

    /** This request giving the file {@code ownership} ({@code null}: this process's, as a new file gets). */
    public WriteRequest withOwner(Ownership ownership) {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, mode, preserveReplacedAs, attributes,
                lockReplaced, ownership);
    }
}
