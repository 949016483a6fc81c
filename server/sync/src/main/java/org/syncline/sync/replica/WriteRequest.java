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
 */
public record WriteRequest(long expectedSize, String expectedHash, long mtimeMillis, int mode,
                           String preserveReplacedAs) {

    /** A request to write {@code source}'s content with its attributes. */
    public static WriteRequest copyOf(FileEntry source) {
        return new WriteRequest(source.size(), source.hash(), source.mtimeMillis(), source.mode(), null);
    }

    /** This request, keeping the replaced content at {@code archivePath}. */
    public WriteRequest preservingReplacedAs(String archivePath) {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, mode, archivePath);
    }

    /** This request without setting permissions. */
    public WriteRequest withoutMode() {
        return new WriteRequest(expectedSize, expectedHash, mtimeMillis, FileEntry.UNKNOWN_MODE, preserveReplacedAs);
    }
}
