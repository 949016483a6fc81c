package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.SystemProperties;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@link ChangeJournal}s of a long-running process (the engine), one per local root its jobs
 * use, kept from run to run, all on one inotify instance ({@link Inotify}), with one thread that
 * drains its queue while no run asks (so that a burst of changes between runs does not overflow
 * it). Journals are kept only for file systems whose every change passes through this machine's
 * kernel: a network share's changes made by other machines are never reported, so it is scanned
 * on every run. A journal no run has asked for during the rescan interval (at least
 * {@value #MIN_IDLE_MINUTES} minute) is closed, giving back its watches and memory: its folders
 * would all be listed again at their next use anyway (a job no longer run, or run once a day).
 *
 * <p>Settings (system properties): {@code syncline.journal.disabled} (no journals),
 * {@code syncline.journal.rescanMinutes} (every folder is listed again at least this often, 60 by
 * default), {@code syncline.journal.maxEntries} (entries remembered by all journals together; by
 * default as many as a quarter of the heap holds, at {@value #BYTES_PER_ENTRY} bytes each).
 *
 * <p>The process's memory of its local files also holds the content hashes of the files its
 * replicas read whole ({@link #knownHashesFor}). Thread-safe.
 */
public final class ChangeJournals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournals.class);
    /**
     * Local file systems whose change time is POSIX's (set by every change of the file, never by a
     * program) and whose inode numbers stay with their files: where {@link KnownHashes} may be kept.
     */
    static final Set<String> POSIX_CHANGE_TIMES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs",
            "zfs", "jfs", "reiserfs", "bcachefs", "nilfs2", "overlay");
    /**
     * File systems whose changes are all made through the local kernel, so inotify sees them: those
     * above, and FAT, exFAT (their "change time" is the creation time, their inode numbers are made
     * up and given again), NTFS and HFS+ as Linux mounts them.
     */
    static final Set<String> LOCAL_FILE_SYSTEMS = Stream.concat(POSIX_CHANGE_TIMES.stream(),
            Stream.of("vfat", "exfat", "ntfs3", "hfsplus")).collect(Collectors.toUnmodifiableSet());
    private static final int POLL_MILLIS = 500;
    static final long MIN_IDLE_MINUTES = 1;
    /**
     * Memory an entry remembered takes, about: 164 bytes measured for paths of ~30 characters
     * (100,000 entries), more for longer paths.
     */
    static final long BYTES_PER_ENTRY = 200;

    /**
     * What the journals hold now (for the engine's health report).
     *
     * @param trees folder trees journaled
     * @param watchedFolders folders the kernel reports the changes of ({@code fs.inotify.max_user_watches}
     *     limits them, for all of the user's programs)
     * @param rememberedEntries entries a run can be given from memory ({@code syncline.journal.maxEntries}
     *     limits them)
     * @param rememberedHashes files whose content hash is known without reading them while they stay
     *     as they are ({@link KnownHashes}; {@code syncline.knownHashes.maxEntries} limits them)
     * @param scannedInFullBecause why local folders are scanned in full on every run; {@code null} while
     *     journals can be kept
     */
    public record Status(int trees, int watchedFolders, long rememberedEntries, long rememberedHashes,
                         String scannedInFullBecause) {
    }

    private final Libc libc;
    private final String disabledBecause;
    private final long rescanNanos;
    private final long idleNanos;
    private final long maxEntries;
    private final AtomicLong entries = new AtomicLong();
    private final KnownHashes knownHashes = KnownHashes.withDefaultSize();
    private final Map<Path, ChangeJournal> journals = new HashMap<>();
    private final Map<Path, String> refused = new HashMap<>();
    /** Opened with the first journal, again after a failure; guarded by {@code this}. */
    private Inotify inotify;
    private boolean instanceRefused;
    private final Thread poller;
    private volatile boolean closed;

    private ChangeJournals(Libc libc, String disabledBecause, Duration rescanInterval, Duration idleLimit, long maxEntries) {
        this.libc = disabledBecause == null ? libc : null;
        this.disabledBecause = disabledBecause;
        this.rescanNanos = rescanInterval.toNanos();
        this.idleNanos = idleLimit.toNanos();
        this.maxEntries = maxEntries;
        if (this.libc != null) {
            poller = new Thread(this::poll, "syncline-change-journals");
            poller.setDaemon(true);
            poller.start();
        } else {
            poller = null;
        }
    }

    /** Journals with the settings of the system properties; none at all where inotify is unavailable or turned off. */
    public static ChangeJournals open() {
        return open(Duration.ofMinutes(SystemProperties.wholeNumber("syncline.journal.rescanMinutes", 1, 60, "minutes")),
                SystemProperties.wholeNumber("syncline.journal.maxEntries", 0, Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_ENTRY,
                        "entries"));
    }

    /** Journals that list every folder again at least every {@code rescanInterval}. */
    public static ChangeJournals open(Duration rescanInterval, long maxEntries) {
        Libc libc = Libc.INSTANCE;
        String disabledBecause = libc == null ? "the system's inotify cannot be reached"
                : Boolean.getBoolean("syncline.journal.disabled") ? "syncline.journal.disabled is set"
                : !Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"), StandardCharsets.ISO_8859_1)
                        .equals(StandardCharsets.UTF_8) ? "file names are not read as UTF-8 (set LANG to a UTF-8 locale)"
                : null;
        if (disabledBecause != null) {
            LOG.info("Folders are scanned in full on every run: {}", disabledBecause);
        }
        Duration idle = rescanInterval.compareTo(Duration.ofMinutes(MIN_IDLE_MINUTES)) < 0
                ? Duration.ofMinutes(MIN_IDLE_MINUTES) : rescanInterval;
        return new ChangeJournals(libc, disabledBecause, rescanInterval, idle, maxEntries);
    }

    /** Journals closed once no run has asked for them during {@code idleLimit} (tests). */
    static ChangeJournals open(Duration rescanInterval, Duration idleLimit, long maxEntries) {
        return new ChangeJournals(Libc.INSTANCE, null, rescanInterval, idleLimit, maxEntries);
    }

    /**
     * The journal of the tree at {@code root} (a real path): the one kept since an earlier run if it
     * still describes that folder, else a new one; {@code null} where changes cannot all be seen
     * here (a network file system, no inotify) and the tree is to be scanned.
     */
    public synchronized ChangeJournal forRoot(Path root) {
        if (libc == null || closed) {
            return null;
        }
        ChangeJournal journal = journals.get(root);
        if (journal != null && journal.describesRoot()) {
            journal.used();
            return journal;
        }
        if (journal != null) {
            journal.close();
            journals.remove(root);
        }
        try {
            String type = Files.getFileStore(root).type();
            if (!LOCAL_FILE_SYSTEMS.contains(type)) {
                if (!type.equals(refused.put(root, type))) {
                    LOG.info("{} is on a {} file system, whose changes made elsewhere Linux does not report: it is"
                            + " scanned in full on every run", root, type);
                }
                return null;
            }
            Inotify instance = instance(root);
            if (instance == null) {
                return null;
            }
            journal = ChangeJournal.open(root, instance, rescanNanos, entries, maxEntries);
        } catch (IOException e) {
            LOG.debug("No change journal for {}: {}", root, e.toString());
            return null;
        }
        journals.put(root, journal);
        return journal;
    }

    /** The shared inotify instance, opened now if needed; {@code null} when none can be had. */
    private Inotify instance(Path root) {
        if (inotify != null && !inotify.isClosed()) {
            return inotify;
        }
        try {
            inotify = Inotify.open(libc);
            instanceRefused = false;
            return inotify;
        } catch (LastErrorException e) {
            inotify = null;
            if (!instanceRefused) {
                instanceRefused = true;
                LOG.warn("Cannot watch {} for changes (inotify: errno {}; see fs.inotify.max_user_instances): local"
                        + " folders are scanned in full on every run until an instance can be had", root, e.getErrorCode());
            }
            return null;
        }
    }

    /** The shared inotify instance, or {@code null} before the first journal (tests). */
    synchronized Inotify inotify() {
        return inotify;
    }

    /** What the journals hold now. */
    public synchronized Status status() {
        String why = disabledBecause != null ? disabledBecause
                : instanceRefused ? "no inotify instance could be had (see fs.inotify.max_user_instances)"
                : closed ? "the journals were closed" : null;
        int trees = (int) journals.values().stream().filter(ChangeJournal::isOpen).count();
        return new Status(trees, inotify == null || inotify.isClosed() ? 0 : inotify.watches(), entries.get(),
                knownHashes.size(), why);
    }

    /** Entries the journals remember now. */
    public long entries() {
        return entries.get();
    }

    /** Drains the instance's queue as it fills and closes idle journals, until closed. */
    private void poll() {
        while (!closed) {
            closeIdle();
            Inotify open;
            synchronized (this) {
                open = inotify;
            }
            if (open == null || open.isClosed()) {
                sleep();
                continue;
            }
            Libc.PollFd fd = new Libc.PollFd();
            fd.fd = open.descriptor();
            fd.events = Libc.POLLIN;
            try {
                if (libc.poll(new Libc.PollFd[] {fd}, 1, POLL_MILLIS) > 0) {
                    if ((fd.revents & Libc.POLLIN) != 0) {
                        open.drain();
                    } else {
                        sleep(); // closed meanwhile: its descriptor is no longer valid
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Waiting for changes failed: {}", e.toString());
                sleep();
            }
        }
    }

    /** Closes the journals no run has asked for during the idle limit. */
    private synchronized void closeIdle() {
        long now = System.nanoTime();
        for (Iterator<ChangeJournal> it = journals.values().iterator(); it.hasNext(); ) {
            ChangeJournal journal = it.next();
            if (!journal.isOpen() || now - journal.lastUsed() > idleNanos) {
                it.remove();
                if (journal.isOpen()) {
                    LOG.debug("Closing the change journal of {}: no run asked for it in {} s", journal.root(),
                            idleNanos / 1_000_000_000L);
                    journal.close();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<ChangeJournal> open;
        Inotify instance;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(journals.values());
            journals.clear();
            instance = inotify;
            inotify = null;
        }
        open.forEach(ChangeJournal::close);
        if (instance != null) {
            instance.close();
        }
        if (poller != null) {
            poller.interrupt();
        }
        knownHashes.clear();
    }

    /**
     * Where a local replica at {@code root} (a real path) remembers the hashes of the files it reads
     * whole ({@link LocalReplica#open(Path, ChangeJournals)}), kept whether or not journals are (they
     * need no inotify); {@code null} where other machines change the file system too (a network
     * share: this machine may see their changes late, with its cached attributes) or its change
     * times and inode numbers cannot tell a file's versions apart ({@link #POSIX_CHANGE_TIMES}).
     */
    public KnownHashes knownHashesFor(Path root) {
        try {
            return POSIX_CHANGE_TIMES.contains(Files.getFileStore(root).type()) ? knownHashes : null;
        } catch (IOException e) {
            return null;
        }
    }
}
