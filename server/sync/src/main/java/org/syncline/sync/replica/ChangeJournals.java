package org.syncline.sync.replica;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ChangeJournal}s of a long-running process (the engine), one per local root its jobs
 * use, kept from run to run, with one thread that drains their kernel queues while no run asks
 * (so that a burst of changes between runs does not overflow them). Journals are kept only for
 * file systems whose every change passes through this machine's kernel: a network share's
 * changes made by other machines are never reported, so it is scanned on every run.
 *
 * <p>Settings (system properties): {@code syncline.journal.disabled} (no journals),
 * {@code syncline.journal.rescanMinutes} (every folder is listed again at least this often, 60 by
 * default), {@code syncline.journal.maxEntries} (entries remembered by all journals together; by
 * default as many as a quarter of the heap holds, at {@value #BYTES_PER_ENTRY} bytes each). Thread-safe.
 */
public final class ChangeJournals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournals.class);
    /** File systems whose changes are all made through the local kernel, so inotify sees them. */
    static final Set<String> LOCAL_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs",
            "zfs", "jfs", "reiserfs", "bcachefs", "nilfs2", "vfat", "exfat", "ntfs3", "hfsplus", "overlay");
    private static final int POLL_MILLIS = 500;
    /**
     * Memory an entry remembered takes, about: 164 bytes measured for paths of ~30 characters
     * (100,000 entries), more for longer paths.
     */
    static final long BYTES_PER_ENTRY = 200;

    private final Libc libc;
    private final long rescanNanos;
    private final long maxEntries;
    private final AtomicLong entries = new AtomicLong();
    private final Map<Path, ChangeJournal> journals = new HashMap<>();
    private final Map<Path, String> refused = new HashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    private ChangeJournals(Libc libc, Duration rescanInterval, long maxEntries) {
        this.libc = libc;
        this.rescanNanos = rescanInterval.toNanos();
        this.maxEntries = maxEntries;
        if (libc != null) {
            poller = new Thread(this::poll, "syncline-change-journals");
            poller.setDaemon(true);
            poller.start();
        } else {
            poller = null;
        }
    }

    /** Journals with the settings of the system properties; none at all where inotify is unavailable or turned off. */
    public static ChangeJournals open() {
        return open(Duration.ofMinutes(Long.getLong("syncline.journal.rescanMinutes", 60)),
                Long.getLong("syncline.journal.maxEntries", Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_ENTRY));
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
            return new ChangeJournals(null, rescanInterval, maxEntries);
        }
        return new ChangeJournals(libc, rescanInterval, maxEntries);
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
            journal = ChangeJournal.open(root, libc, rescanNanos, entries, maxEntries);
        } catch (IOException e) {
            LOG.debug("No change journal for {}: {}", root, e.toString());
            return null;
        }
        if (journal != null) {
            journals.put(root, journal);
        }
        return journal;
    }

    /** Entries the journals remember now. */
    public long entries() {
        return entries.get();
    }

    /** Drains every journal's queue as it fills, until closed. */
    private void poll() {
        while (!closed) {
            List<ChangeJournal> open;
            synchronized (this) {
                open = new ArrayList<>(journals.values());
            }
            open.removeIf(journal -> !journal.isOpen());
            if (open.isEmpty()) {
                sleep();
                continue;
            }
            Libc.PollFd[] fds = (Libc.PollFd[]) new Libc.PollFd().toArray(open.size());
            for (int i = 0; i < fds.length; i++) {
                fds[i].fd = open.get(i).descriptor();
                fds[i].events = Libc.POLLIN;
            }
            try {
                if (libc.poll(fds, fds.length, POLL_MILLIS) > 0) {
                    boolean drained = false;
                    for (int i = 0; i < fds.length; i++) {
                        if ((fds[i].revents & Libc.POLLIN) != 0) {
                            open.get(i).drainNow();
                            drained = true;
                        }
                    }
                    if (!drained) {
                        sleep(); // a journal closed meanwhile: its descriptor is no longer valid
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Waiting for changes failed: {}", e.toString());
                sleep();
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
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(journals.values());
            journals.clear();
        }
        open.forEach(ChangeJournal::close);
        if (poller != null) {
            poller.interrupt();
        }
    }
}
