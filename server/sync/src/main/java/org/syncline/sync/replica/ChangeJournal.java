package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the listings of one local folder tree between runs and what changed in them since,
 * as Linux's inotify reports it, so that a scan reads again only what changed: a folder nothing
 * happened in is listed from memory, one where a few names changed has just those read again.
 * Owned by a long-running process ({@link ChangeJournals}, the engine); a one-shot command has
 * nothing to remember and scans. The journals of a process share one inotify instance ({@link Inotify}).
 *
 * <p>Correctness before speed: every folder is watched before it is first listed, so a change
 * made while it is listed is reported afterwards; every call drains what the kernel has queued
 * first, so a change made before the call is always seen (the kernel queues an event before the
 * call that made the change returns). Whatever the journal cannot account for makes it list again:
 * an overflow of the kernel's queue, a watch limit, an unmount, the root replaced or moved,
 * a name that is not UTF-8, a folder moved or deleted (its whole subtree is forgotten). Linux does
 * not report writes through a shared memory map, nor changes made through another hard link of a
 * file in a folder not watched, so every folder is also listed again at least once per
 * {@code rescanInterval}, as Syncthing rescans behind its watcher.
 *
 * <p>Thread-safe: the scanner lists several folders at once, and two jobs may share a root.
 */
public final class ChangeJournal implements AutoCloseable {

    /** Reads listings and single entries exactly as the replica would list them. */
    interface Source {
        /** The folder's entries as the replica lists them. */
        List<FileEntry> list(String dir) throws IOException;

        /** The entry the replica would list for {@code name} in {@code dir}; {@code null} when it would list none. */
        FileEntry child(String dir, String name) throws IOException;

        /**
         * What the entries hold besides names, types, sizes and times (modes, owners), compared with
         * {@code equals}: a folder listed by a source of another kind is listed again.
         */
        Object kind();
    }

    /** How the journal served listings since it was opened (for logs and tests). */
    public record Counts(long listed, long refreshed, long remembered, long resets) {
    }

    /** How the listings of one user of the journal (a run's replica) were served. Thread-safe. */
    public static final class Tally {
        private final ChangeJournal journal;
        private final long resetsBefore;
        private final AtomicLong listed = new AtomicLong();
        private final AtomicLong refreshed = new AtomicLong();
        private final AtomicLong remembered = new AtomicLong();

        /** A tally of listings from now on. */
        public Tally(ChangeJournal journal) {
            this.journal = journal;
            this.resetsBefore = journal.resets.get();
        }

        /**
         * Why the journal had every folder listed again since this tally began (its queue
         * overflowed, its root was replaced, ...); empty when it did not.
         */
        public Optional<String> gap() {
            synchronized (journal.lock) {
                return journal.resets.get() > resetsBefore ? Optional.of(journal.lastGap) : Optional.empty();
            }
        }

        /** Folders listed from the disk. */
        public long listed() {
            return listed.get();
        }

        /** Folders with only their changed names read from the disk. */
        public long refreshed() {
            return refreshed.get();
        }

        /** Folders unchanged since they were last read, served from memory. */
        public long remembered() {
            return remembered.get();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);

    static final int IN_MODIFY = 0x2;
    static final int IN_ATTRIB = 0x4;
    static final int IN_MOVED_FROM = 0x40;
    static final int IN_MOVED_TO = 0x80;
    static final int IN_CREATE = 0x100;
    static final int IN_DELETE = 0x200;
    static final int IN_DELETE_SELF = 0x400;
    static final int IN_MOVE_SELF = 0x800;
    static final int IN_UNMOUNT = 0x2000;
    static final int IN_Q_OVERFLOW = 0x4000;
    static final int IN_IGNORED = 0x8000;
    static final int IN_ONLYDIR = 0x01000000;
    static final int IN_DONT_FOLLOW = 0x02000000;
    static final int IN_EXCL_UNLINK = 0x04000000;
    static final int IN_ISDIR = 0x40000000;
    /** Every change of an entry's listing (content, attributes, names) and of the folder itself. */
    static final int MASK = IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
            | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;
    private static final int NAME_CHANGES = IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE;
    private static final Comparator<FileEntry> BY_PATH = Comparator.comparing(FileEntry::path);

    /** One watched folder. Its listing is changed under its own monitor; its flags under the journal's lock. */
    private static final class Folder {
        final String path;
        final int watch;
        /** Sorted by path; {@code null} until listed, or when it is not to be remembered. */
        List<FileEntry> listing;
        /** What the listing's entries hold ({@link Source#kind}). */
        Object kind;
        /** Names changed since the listing was read. */
        final Set<String> changed = new HashSet<>();
        /** Whether the whole folder must be listed again. */
        boolean stale = true;
        long listedAt;

        Folder(String path, int watch) {
            this.path = path;
            this.watch = watch;
        }
    }

    /** What a call has to read: the whole folder, some names, or nothing. */
    private record Refresh(boolean whole, List<String> names) {
    }

    private final Path root;
    private final Object rootKey;
    private final Inotify inotify;
    private final long rescanNanos;
    private final AtomicLong budget;
    private final long maxEntries;
    private final Object lock = new Object();
    /** Watched folders by path, in the natural order of strings: a subtree is a range. Guarded by {@link #lock}. */
    private final TreeMap<String, Folder> folders = new TreeMap<>();
    private final Map<Integer, Folder> byWatch = new HashMap<>();
    /** Strict: a name that is not UTF-8 is reported, not replaced. Guarded by {@link #lock}. */
    private final CharsetDecoder names = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean closed;
    private boolean limitReported;
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong refreshed = new AtomicLong();
    private final AtomicLong remembered = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    /** Why every folder was last listed again. Guarded by {@link #lock}. */
    private String lastGap = "";
    /** {@link System#nanoTime} of the last listing asked for (or of the opening). */
    private volatile long lastUsed = System.nanoTime();

    /**
     * @param budget     entries remembered by all journals of the process, shared
     * @param maxEntries what {@code budget} may reach; folders beyond it are listed every time
     */
    private ChangeJournal(Path root, Object rootKey, Inotify inotify, long rescanNanos, AtomicLong budget,
                          long maxEntries) {
        this.root = root;
        this.rootKey = rootKey;
        this.inotify = inotify;
        this.rescanNanos = rescanNanos;
        this.budget = budget;
        this.maxEntries = maxEntries;
    }

    /** A journal of the tree at {@code root} (a real path), watching through {@code inotify}. */
    static ChangeJournal open(Path root, Inotify inotify, long rescanNanos, AtomicLong budget, long maxEntries)
            throws IOException {
        ChangeJournal journal = new ChangeJournal(root, keyOf(root), inotify, rescanNanos, budget, maxEntries);
        inotify.attach(journal);
        return journal;
    }

    /** The tree's root. */
    public Path root() {
        return root;
    }

    /** Whether it still watches (not closed, not retired). */
    boolean isOpen() {
        synchronized (lock) {
            return !closed;
        }
    }

    /** {@link System#nanoTime} when a listing was last asked for (or when it was opened). */
    long lastUsed() {
        return lastUsed;
    }

    /** Marks it used now (a run is about to list through it). */
    void used() {
        lastUsed = System.nanoTime();
    }

    /**
     * Whether this journal still describes the folder at its root path: not closed, and the root
     * is the same folder (not replaced, nothing mounted over it).
     */
    boolean describesRoot() {
        return isOpen() && rootUnchanged();
    }

    /** How listings were served since the journal was opened. */
    public Counts counts() {
        return new Counts(listed.get(), refreshed.get(), remembered.get(), resets.get());
    }

    /**
     * The entries of {@code dir}, sorted by path: remembered, with the names changed since read
     * again from {@code source}, or listed from it in full.
     */
    List<FileEntry> list(String dir, Source source, Tally tally) throws IOException {
        used();
        inotify.drain();
        Folder folder;
        synchronized (lock) {
            if (!closed && inotify.isClosed()) {
                retire("its inotify instance was closed");
            }
            if (!closed && dir.isEmpty() && !rootUnchanged()) {
                retire("its root folder was replaced or something was mounted over it");
            }
            folder = closed ? null : folders.get(dir);
            if (folder == null && !closed) {
                folder = watch(dir);
            }
        }
        if (folder == null) {
            count(listed, tally.listed);
            return source.list(dir);
        }
        Object kind = source.kind();
        synchronized (folder) {
            Refresh refresh = take(folder, kind);
            if (refresh == null) {
                count(remembered, tally.remembered);
                return folder.listing;
            }
            long started = System.nanoTime();
            try {
                count(refresh.whole() ? listed : refreshed, refresh.whole() ? tally.listed : tally.refreshed);
                List<FileEntry> listing = refresh.whole() ? listWhole(dir, source) : refreshNames(folder, refresh.names(), source);
                keep(folder, listing, refresh.whole() ? started : folder.listedAt, kind);
                return listing;
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    folder.stale = true;
                }
                throw e;
            }
        }
    }

    private static void count(AtomicLong journal, AtomicLong user) {
        journal.incrementAndGet();
        user.incrementAndGet();
    }

    private List<FileEntry> listWhole(String dir, Source source) throws IOException {
        List<FileEntry> listing = new ArrayList<>(source.list(dir));
        listing.sort(BY_PATH);
        return Collections.unmodifiableList(listing);
    }

    private List<FileEntry> refreshNames(Folder folder, List<String> names, Source source) throws IOException {
        List<FileEntry> listing = new ArrayList<>(folder.listing);
        for (String name : names) {
            String path = RelativePath.child(folder.path, name);
            FileEntry now;
            try {
                now = source.child(folder.path, name);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            int at = Collections.binarySearch(listing, new FileEntry(path, EntryType.OTHER, 0, 0, 0, null), BY_PATH);
            if (at >= 0 && now != null) {
                listing.set(at, now);
            } else if (at >= 0) {
                listing.remove(at);
            } else if (now != null) {
                listing.add(-at - 1, now);
            }
        }
        return Collections.unmodifiableList(listing);
    }

    /** What {@code folder} needs read, taking its changes: {@code null} when its listing is current. */
    private Refresh take(Folder folder, Object kind) {
        synchronized (lock) {
            if (folders.get(folder.path) != folder) {
                return new Refresh(true, List.of()); // forgotten meanwhile: listed, not remembered
            }
            boolean due = System.nanoTime() - folder.listedAt > rescanNanos;
            if (folder.listing == null || folder.stale || due || !kind.equals(folder.kind)) {
                folder.stale = false;
                folder.changed.clear();
                return new Refresh(true, List.of());
            }
            if (folder.changed.isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>(folder.changed);
            folder.changed.clear();
            return new Refresh(false, names);
        }
    }

    /**
     * Remembers {@code listing}, if the folder is still watched and the budget allows; its whole
     * listing was last read at {@code listedAt}.
     */
    private void keep(Folder folder, List<FileEntry> listing, long listedAt, Object kind) {
        synchronized (lock) {
            if (folders.get(folder.path) != folder) {
                return;
            }
            int before = folder.listing == null ? 0 : folder.listing.size();
            long total = budget.addAndGet(listing.size() - before);
            if (total > maxEntries) {
                budget.addAndGet(-listing.size());
                folder.listing = null;
                if (!limitReported) {
                    limitReported = true;
                    LOG.info("The change journals hold {} entries, their limit (syncline.journal.maxEntries): further"
                            + " folders of {} are listed on every run", maxEntries, root);
                }
                return;
            }
            folder.listing = listing;
            folder.listedAt = listedAt;
            folder.kind = kind;
        }
    }

    /** Watches {@code dir} and registers it; {@code null} when it cannot be watched (it is then listed every time). */
    private Folder watch(String dir) {
        if (dir.indexOf('\uFFFD') >= 0) {
            return null;
        }
        String absolute = dir.isEmpty() ? root.toString() : root + "/" + dir;
        byte[] path = (absolute + '\0').getBytes(StandardCharsets.UTF_8);
        int watch;
        try {
            watch = inotify.watch(this, path, MASK);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.ENOSPC && !limitReported) {
                limitReported = true;
                LOG.warn("The system's limit of watched folders (fs.inotify.max_user_watches) is reached: further"
                        + " folders of {} are listed on every run; raise the limit to spare them", root);
            }
            return null;
        }
        Folder same = byWatch.get(watch);
        if (same != null) {
            // The same folder under another path (a bind mount, or moved and not yet reported): neither is remembered.
            forget(same.path);
            return null;
        }
        Folder folder = new Folder(dir, watch);
        folders.put(dir, folder);
        byWatch.put(watch, folder);
        return folder;
    }

    private boolean rootUnchanged() {
        try {
            return Objects.equals(rootKey, keyOf(root));
        } catch (IOException e) {
            return false;
        }
    }

    /** What tells the folder at {@code path} apart from any other (its device and inode). */
    private static Object keyOf(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Marks what one event of a folder it watches (or an overflow of the queue) changed ({@link Inotify#drain}). */
    void event(int watch, int mask, byte[] rawName) {
        synchronized (lock) {
            if (!closed) {
                apply(watch, mask, rawName);
            }
        }
    }

    /** The inotify instance can no longer be read: stops, so that the owner opens a new journal. */
    void failed(String why) {
        synchronized (lock) {
            if (!closed) {
                retire(why);
            }
        }
    }

    /** Holds {@link #lock}. */
    private void apply(int watch, int mask, byte[] rawName) {
        if ((mask & IN_Q_OVERFLOW) != 0) {
            reset("more changes came at once than the kernel queues (fs.inotify.max_queued_events)");
            return;
        }
        Folder folder = byWatch.get(watch);
        if (folder == null) {
            return;
        }
        if ((mask & (IN_UNMOUNT | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) != 0) {
            if (folder.path.isEmpty()) {
                retire("its root folder was moved, deleted or unmounted");
            } else {
                forget(folder.path);
                changed(RelativePath.parent(folder.path), RelativePath.name(folder.path));
            }
            return;
        }
        boolean names = (mask & NAME_CHANGES) != 0;
        if ((names || rawName.length == 0) && !folder.path.isEmpty()) {
            // The folder itself changed (its attributes, or its time with its names): its entry in its parent.
            changed(RelativePath.parent(folder.path), RelativePath.name(folder.path));
        }
        if (rawName.length == 0) {
            return;
        }
        if (folder.stale && (!names || (mask & IN_ISDIR) == 0)) {
            return; // listed in full anyway, and no folder below is to be forgotten
        }
        String name = decodedName(rawName);
        if (name == null) {
            // A name Java cannot hold (never a watched folder's): listed as the replica lists it.
            folder.stale = true;
            folder.changed.clear();
        } else if (!name.isEmpty()) {
            if (names) {
                forget(RelativePath.child(folder.path, name));
            }
            if (!folder.stale) {
                folder.changed.add(name);
                if (folder.changed.size() > Math.max(16, folder.listing == null ? 0 : folder.listing.size() / 2)) {
                    // So many names: the folder is listed in full (and the names are not held).
                    folder.stale = true;
                    folder.changed.clear();
                }
            }
        }
    }

    private void changed(String dir, String name) {
        Folder parent = folders.get(dir);
        if (parent != null) {
            parent.changed.add(name);
        }
    }

    /** The name's text (without the padding), {@code null} when it is not UTF-8. */
    private String decodedName(byte[] raw) {
        int length = 0;
        while (length < raw.length && raw[length] != 0) {
            length++;
        }
        try {
            return names.reset().decode(ByteBuffer.wrap(raw, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Forgets {@code path} and every folder below it, giving up their watches. Holds {@link #lock}. */
    private void forget(String path) {
        // The root's subtree is every folder, itself included; another's is itself and the range of "path/...".
        List<Folder> gone = new ArrayList<>(path.isEmpty() ? folders.values()
                : folders.subMap(path + "/", true, path + "0", false).values());
        Folder self = folders.get(path);
        if (self != null && !path.isEmpty()) {
            gone.add(self);
        }
        for (Folder folder : gone) {
            folders.remove(folder.path);
            if (folder.listing != null) {
                budget.addAndGet(-folder.listing.size());
            }
            if (byWatch.get(folder.watch) == folder) {
                byWatch.remove(folder.watch);
                inotify.unwatch(this, folder.watch);
            }
        }
    }

    /** Every folder is listed again on its next call; the watches stay. Holds {@link #lock}. */
    private void reset(String why) {
        lastGap = why;
        resets.incrementAndGet();
        LOG.info("Every folder of {} is read again on its next scan: {}", root, why);
        for (Folder folder : folders.values()) {
            folder.stale = true;
        }
    }

    /**
     * Stops for good, as the watches no longer describe the folder at the root path: calls list
     * from the source, and the owner opens a new journal for the next run ({@link #describesRoot}).
     * Holds {@link #lock}.
     */
    private void retire(String why) {
        lastGap = why;
        resets.incrementAndGet();
        LOG.info("The change journal of {} starts again: {}", root, why);
        closeNow();
    }

    /** Removes every watch and forgets every listing. */
    @Override
    public void close() {
        synchronized (lock) {
            closeNow();
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        forget("");
        inotify.detach(this);
    }

    @Override
    public String toString() {
        return "change journal of " + root;
    }
}
