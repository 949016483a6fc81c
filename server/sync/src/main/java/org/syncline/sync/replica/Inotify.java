package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One inotify instance shared by the {@link ChangeJournal}s of a process. Linux gives each user
 * only {@code fs.inotify.max_user_instances} instances (128 by default) and an engine runs as
 * root: with one instance per folder tree, an engine with many jobs would use them all, leaving
 * none for the other programs of that user and scanning its further trees in full.
 *
 * <p>The kernel gives a folder one watch per instance, so two journals watching the same folder
 * (a job's folder inside another job's) get the same watch descriptor: each journal's use of it is
 * counted, and the kernel's watch is removed only when no journal uses it any more. Whoever drains
 * first (a journal before it answers, or the poller while no run asks) reads every event queued and
 * hands each to the journals that watch its folder; an overflow of the queue reaches every journal.
 *
 * <p>Thread-safe. Locks are taken in one order: draining holds {@link #reading} and then a
 * journal's lock; a journal holding its own lock takes {@link #watches}; nothing holding
 * {@link #watches} takes another lock.
 */
final class Inotify implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inotify.class);
    /** Bytes of an event before its name ({@code struct inotify_event}). */
    private static final int EVENT_HEADER = 16;

    private final Libc libc;
    private final int fd;
    private final Object reading = new Object();
    private final Object watches = new Object();
    /** The journals using each watch descriptor. Guarded by {@link #watches}. */
    private final Map<Integer, List<ChangeJournal>> users = new HashMap<>();
    /** Every journal open on this instance. Guarded by {@link #watches}. */
    private final Set<ChangeJournal> journals = new LinkedHashSet<>();
    /** Guarded by {@link #reading}. */
    private final byte[] buffer = new byte[64 * 1024];
    private volatile boolean closed;

    private Inotify(Libc libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /** A new instance; throws with {@code errno} when none can be had ({@code fs.inotify.max_user_instances}). */
    static Inotify open(Libc libc) throws LastErrorException {
        return new Inotify(libc, libc.inotify_init1(Libc.IN_NONBLOCK_CLOEXEC));
    }

    /** The descriptor, for a poller that waits for events. */
    int descriptor() {
        return fd;
    }

    /** Whether it was closed, or failed and can no longer be read. */
    boolean isClosed() {
        return closed;
    }

    /** Registers a journal, which then receives overflows and {@link ChangeJournal#failed}. */
    void attach(ChangeJournal journal) {
        synchronized (watches) {
            journals.add(journal);
        }
    }

    /** Unregisters a journal that has given up all its watches ({@link #unwatch}). */
    void detach(ChangeJournal journal) {
        synchronized (watches) {
            journals.remove(journal);
        }
    }

    /**
     * Watches the folder at {@code path} (NUL-terminated bytes) for {@code journal}; returns the
     * watch descriptor, the same for every journal watching that folder.
     */
    int watch(ChangeJournal journal, byte[] path, int mask) throws LastErrorException {
        synchronized (watches) {
            if (closed) {
                throw new LastErrorException(Libc.EINVAL);
            }
            int watch = libc.inotify_add_watch(fd, path, mask);
            List<ChangeJournal> using = users.computeIfAbsent(watch, w -> new ArrayList<>(1));
            if (!using.contains(journal)) {
                using.add(journal);
            }
            return watch;
        }
    }

    /** Ends {@code journal}'s use of a watch; the kernel's watch goes with its last user. */
    void unwatch(ChangeJournal journal, int watch) {
        synchronized (watches) {
            List<ChangeJournal> using = users.get(watch);
            if (using == null || !using.remove(journal) || !using.isEmpty()) {
                return;
            }
            users.remove(watch);
            if (!closed) {
                libc.inotify_rm_watch(fd, watch); // -1: already gone with its folder
            }
        }
    }

    /** Watches in use (by any journal). */
    int watches() {
        synchronized (watches) {
            return users.size();
        }
    }

    /**
     * Reads every event the kernel holds now and hands each to the journals concerned. The kernel
     * queues an event before the call that made the change returns, so after this every change
     * made before it was called has reached its journals.
     */
    void drain() {
        synchronized (reading) {
            int[] ready = new int[1];
            while (!closed) {
                int length;
                try {
                    libc.ioctl(fd, new NativeLong(Libc.FIONREAD), ready);
                    if (ready[0] <= 0) {
                        return;
                    }
                    length = libc.read(fd, buffer, new NativeLong(buffer.length)).intValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != Libc.EAGAIN) {
                        fail("its events could not be read (errno " + e.getErrorCode() + ")");
                    }
                    return;
                }
                ByteBuffer events = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
                while (events.remaining() >= EVENT_HEADER) {
                    int watch = events.getInt();
                    int mask = events.getInt();
                    events.getInt(); // cookie
                    byte[] name = new byte[events.getInt()];
                    events.get(name);
                    dispatch(watch, mask, name);
                }
            }
        }
    }

    private void dispatch(int watch, int mask, byte[] name) {
        List<ChangeJournal> to;
        synchronized (watches) {
            if ((mask & ChangeJournal.IN_Q_OVERFLOW) != 0) {
                to = List.copyOf(journals);
            } else {
                to = List.copyOf(users.getOrDefault(watch, List.of()));
                if ((mask & ChangeJournal.IN_IGNORED) != 0) {
                    users.remove(watch); // the kernel removed it (its folder is gone, or it was unwatched)
                }
            }
        }
        for (ChangeJournal journal : to) {
            journal.event(watch, mask, name);
        }
    }

    /** The instance can no longer be read: every journal starts again on a new one. Holds {@link #reading}. */
    private void fail(String why) {
        LOG.warn("The change journals' inotify instance failed: {}", why);
        openJournals().forEach(journal -> journal.failed(why));
        closeDescriptor();
    }

    /** Closes the journals still open on it, then the descriptor (the kernel removes its watches). */
    @Override
    public void close() {
        synchronized (reading) {
            openJournals().forEach(ChangeJournal::close);
            closeDescriptor();
        }
    }

    /** The journals open on it now, for calls made outside {@link #watches}. */
    private List<ChangeJournal> openJournals() {
        synchronized (watches) {
            return List.copyOf(journals);
        }
    }

    private void closeDescriptor() {
        synchronized (watches) {
            if (closed) {
                return;
            }
            closed = true;
            users.clear();
        }
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            LOG.debug("Closing the inotify descriptor: errno {}", e.getErrorCode());
        }
    }
}
