package org.syncline.sync.replica;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.syncline.sync.SystemProperties;

/**
 * The content hashes of files a long-running process (the engine) has read whole, kept in memory so
 * that a file met again under another name (a folder renamed since) is recognised without being
 * read again. A file is known by its {@link Stamp}: file system, inode, change time, size and
 * modification time. Every write, truncation, change of permissions or owner, new link or rename
 * of the file itself gives it a new change time, and no program can set a change time, so a file
 * whose stamp is still the one noted holds the bytes read then. Two rules keep that true:
 * <ul>
 *   <li>the stamp is taken before the read and must be the same after it (the same file, not
 *       changed while read);</li>
 *   <li>its change time must lie at least {@value #SETTLE_MILLIS} ms before the first stamp was
 *       taken: file systems take times from a clock that ticks every few milliseconds, so a write in
 *       the tick of the stamp could leave the change time as it was.</li>
 * </ul>
 * A process that restarts has forgotten everything, and its first reads are made again. At most
 * {@code maxEntries} files are remembered (by default a thirty-second of the heap, at
 * {@value #BYTES_PER_ENTRY} bytes each; system property {@code syncline.knownHashes.maxEntries},
 * 0 remembers nothing); beyond, the oldest noted are forgotten first. Thread-safe.
 */
public final class KnownHashes {

    /** How much older than the stamp's moment a change time must be for the stamp to identify the bytes. */
    static final long SETTLE_MILLIS = 1_000;
    /** Memory an entry takes, about: key, value and the map's entry (measured 138-141 bytes for 200,000). */
    static final long BYTES_PER_ENTRY = 144;

    /**
     * What identifies one version of a file: while all of it stays the same, so do the file's bytes.
     *
     * @param device      the file system's device number
     * @param inode       the file's number on it
     * @param changeNanos the file's change time ({@code st_ctime}), nanoseconds since the epoch
     * @param size        its length
     * @param mtimeNanos  its modification time, nanoseconds since the epoch
     */
    public record Stamp(long device, long inode, long changeNanos, long size, long mtimeNanos) {
    }

    private record Key(long device, long inode) {
    }

    private record Version(long changeNanos, long size, long mtimeNanos, long hash) {
    }

    private final long maxEntries;
    private final LongSupplier wallMillis;
    private final Map<Key, Version> versions = new LinkedHashMap<>();

    /** Remembers at most {@code maxEntries} files. */
    public KnownHashes(long maxEntries) {
        this(maxEntries, System::currentTimeMillis);
    }

    /** @param wallMillis the clock file times are compared with (tests move it) */
    KnownHashes(long maxEntries, LongSupplier wallMillis) {
        this.maxEntries = Math.max(0, maxEntries);
        this.wallMillis = wallMillis;
    }

    /** With the size of the system property, else a thirty-second of the heap. */
    public static KnownHashes withDefaultSize() {
        return new KnownHashes(SystemProperties.wholeNumber("syncline.knownHashes.maxEntries", 0,
                Runtime.getRuntime().maxMemory() / 32 / BYTES_PER_ENTRY, "files"));
    }

    /**
     * Whether a stamp taken now may later stand for the bytes read after it: its change time is
     * settled (see the class comment).
     */
    public boolean settled(Stamp before) {
        return maxEntries > 0 && before.changeNanos() / 1_000_000 <= wallMillis.getAsLong() - SETTLE_MILLIS;
    }

    /**
     * Remembers that the bytes read between the two stamps had {@code hash}, when the file did not
     * change in between; {@code before} must have been {@link #settled} when it was taken.
     *
     * @param hash as {@link ContentHash} writes it
     */
    public void remember(Stamp before, Stamp after, String hash) {
        if (maxEntries == 0 || !before.equals(after) || hash.length() != 16) {
            return;
        }
        long value;
        try {
            value = Long.parseUnsignedLong(hash, 16);
        } catch (NumberFormatException e) {
            return; // not a hash of ours
        }
        Version version = new Version(before.changeNanos(), before.size(), before.mtimeNanos(), value);
        Key key = new Key(before.device(), before.inode());
        synchronized (versions) {
            versions.remove(key); // noted again: the newest
            versions.put(key, version);
            if (versions.size() > maxEntries) {
                versions.remove(versions.keySet().iterator().next());
            }
        }
    }

    /** The hash remembered for the file of this stamp, when it is still the version whose bytes were read; else {@code null}. */
    public String hashOf(Stamp now) {
        Key key = new Key(now.device(), now.inode());
        Version version;
        synchronized (versions) {
            version = versions.get(key);
            if (version == null) {
                return null;
            }
            if (version.changeNanos() != now.changeNanos() || version.size() != now.size()
                    || version.mtimeNanos() != now.mtimeNanos()) {
                versions.remove(key); // changed since, or another file on a reused inode: never again true
                return null;
            }
        }
        return ContentHash.format(version.hash());
    }

    /** How many files are remembered now. */
    public int size() {
        synchronized (versions) {
            return versions.size();
        }
    }

    /** Forgets every file. */
    public void clear() {
        synchronized (versions) {
            versions.clear();
        }
    }
}
