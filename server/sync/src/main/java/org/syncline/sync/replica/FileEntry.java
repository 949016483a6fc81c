package org.syncline.sync.replica;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of a replica as seen at one moment: immutable, small, and cheap to compare.
 *
 * @param path         relative path inside the replica, segments separated by {@code /}
 *                     (see {@link RelativePath}); never empty
 * @param type         what the entry is
 * @param size         length in bytes for files, of the target (in UTF-8) for symbolic links, 0 otherwise
 * @param mtimeMillis  last modification time in milliseconds since the epoch
 * @param mode         POSIX permission bits ({@code 0777} mask), or {@link #UNKNOWN_MODE}
 * @param hash         content hash as produced by {@link ContentHash}, or {@code null} when not computed;
 *                     for a symbolic link always the hash of its target ({@link #linkHash}), or
 *                     {@code null} when the target cannot be read or held (see {@link Replica#readLink})
 * @param attributes   ACLs and extended attributes, or {@code null} when not read (the scanner reads
 *                     them only when asked to compare them)
 * @param owner        owner and group, or {@code null} when not read (a replica reads them where it
 *                     may give files to other owners: {@link ReplicaCapabilities#owners})
 */
public record FileEntry(String path, EntryType type, long size, long mtimeMillis, int mode, String hash,
                        ExtendedAttributes attributes, Ownership owner) {

    /** Marks permission bits the replica does not know or does not keep. */
    public static final int UNKNOWN_MODE = -1;

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    /** An entry whose ACLs and extended attributes and whose owner were not read. */
    public FileEntry(String path, EntryType type, long size, long mtimeMillis, int mode, String hash) {
        this(path, type, size, mtimeMillis, mode, hash, null, null);
    }

    /** An entry whose owner was not read. */
    public FileEntry(String path, EntryType type, long size, long mtimeMillis, int mode, String hash,
                     ExtendedAttributes attributes) {
        this(path, type, size, mtimeMillis, mode, hash, attributes, null);
    }

    /** A regular file without a known hash. */
    public static FileEntry file(String path, long size, long mtimeMillis, int mode) {
        return new FileEntry(path, EntryType.FILE, size, mtimeMillis, mode, null);
    }

    /** A symbolic link to {@code target}, which is never followed. */
    public static FileEntry link(String path, String target, long mtimeMillis) {
        return new FileEntry(path, EntryType.SYMLINK, target.getBytes(StandardCharsets.UTF_8).length, mtimeMillis,
                UNKNOWN_MODE, linkHash(target));
    }

    /** What {@link #hash()} holds for a symbolic link to {@code target}: the hash of the target's UTF-8 bytes. */
    public static String linkHash(String target) {
        return ContentHash.of(target.getBytes(StandardCharsets.UTF_8));
    }

    /** A folder. */
    public static FileEntry directory(String path, long mtimeMillis, int mode) {
        return new FileEntry(path, EntryType.DIRECTORY, 0, mtimeMillis, mode, null);
    }

    /** The last path segment. */
    public String name() {
        return RelativePath.name(path);
    }

    public boolean isFile() {
        return type == EntryType.FILE;
    }

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    public boolean isLink() {
        return type == EntryType.SYMLINK;
    }

    /** Whether a copy reproduces this entry: a regular file (its bytes) or a symbolic link (its target). */
    public boolean isCopyable() {
        return type == EntryType.FILE || type == EntryType.SYMLINK;
    }

    /**
     * This entry as {@link Replica#stat} gives it, to compare with what stat says now: a file without
     * the content hash a scan may have read (stat reads no content); a link keeps its target's hash,
     * which stat reads.
     */
    public FileEntry asStatted() {
        return type == EntryType.FILE && hash != null ? withHash(null) : this;
    }

    /** This entry with the given content hash. */
    public FileEntry withHash(String contentHash) {
        return new FileEntry(path, type, size, mtimeMillis, mode, contentHash, attributes, owner);
    }

    /** This entry with the given ACLs and extended attributes ({@code null}: not read). */
    public FileEntry withAttributes(ExtendedAttributes read) {
        return new FileEntry(path, type, size, mtimeMillis, mode, hash, read, owner);
    }

    /** This entry with the given owner ({@code null}: not read). */
    public FileEntry withOwner(Ownership read) {
        return new FileEntry(path, type, size, mtimeMillis, mode, hash, attributes, read);
    }

    /** This entry moved to another path, all else equal. */
    public FileEntry withPath(String newPath) {
        return new FileEntry(newPath, type, size, mtimeMillis, mode, hash, attributes, owner);
    }

    /**
     * The quick check used everywhere a full read would be too costly: same type, and for files the
     * same size and modification time (to the millisecond). When both entries carry a hash the
     * hashes must match as well. Symbolic links are the same when their targets are (by hash); their
     * times are not compared, as not every file system lets a link's own time be set.
     */
    public boolean sameContentAs(FileEntry other) {
        return sameContentAs(other, 1);
    }

    /**
     * {@link #sameContentAs(FileEntry)} for entries of two paths whose file systems keep times no
     * finer than {@code granularityMillis} (the coarser of the two, see
     * {@link Replica#timeGranularityMillis()}): the times are the same when they differ by less.
     */
    public boolean sameContentAs(FileEntry other, long granularityMillis) {
        if (other == null || type != other.type) {
            return false;
        }
        if (type == EntryType.SYMLINK) {
            return hash != null && hash.equals(other.hash);
        }
        if (type != EntryType.FILE) {
            return true;
        }
        if (hash != null && other.hash != null && !hash.equals(other.hash)) {
            return false;
        }
        return size == other.size && sameTime(mtimeMillis, other.mtimeMillis, granularityMillis);
    }

    /**
     * The latest modification time a copy can be given: Java sets times in nanoseconds since 1970 in
     * a {@code long}, so a later time (up to the year 2446 on ext4, later elsewhere) is set as this
     * one, in April 2262.
     */
    static final long LATEST_SETTABLE_MILLIS = Long.MAX_VALUE / 1_000_000;
    /** The earliest, in September 1677, for the same reason. */
    static final long EARLIEST_SETTABLE_MILLIS = Long.MIN_VALUE / 1_000_000;

    /**
     * Whether two modification times are the same to a granularity (1: to the millisecond). Times
     * beyond what a copy can be given count as that limit, or a copy of such a file would never be
     * the same as its source, and every run would copy it again.
     */
    public static boolean sameTime(long aMillis, long bMillis, long granularityMillis) {
        return Math.abs(settable(aMillis) - settable(bMillis)) < Math.max(1, granularityMillis);
    }

    private static long settable(long millis) {
        return Math.max(EARLIEST_SETTABLE_MILLIS, Math.min(LATEST_SETTABLE_MILLIS, millis));
    }

    /**
     * Whether both entries carry ACLs and extended attributes of the same kind and they differ;
     * {@code false} when either was not read, as they cannot be compared then.
     */
    public boolean attributesDifferFrom(FileEntry other) {
        return other != null && attributes != null && other.attributes != null
                && attributes.kind() == other.attributes.kind() && !attributes.equals(other.attributes);
    }

    /** Whether both entries carry their owners and these differ; {@code false} when either was not read. */
    public boolean ownerDiffersFrom(FileEntry other) {
        return other != null && owner != null && other.owner != null && !owner.equals(other.owner);
    }
}
