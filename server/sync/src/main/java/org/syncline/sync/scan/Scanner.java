package org.syncline.sync.scan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.masks.FolderMasks;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Walks one replica depth-first and streams its entries in {@link RelativePath#ORDER}: a folder
 * comes right before its content, siblings sorted by name. Only the folders on the current path
 * are held in memory (each as its sorted list of children), never the whole tree.
 *
 * <p>Folder masks decide which folders are walked; file masks and ranges which files and symbolic
 * links are returned (links are never followed). Folders that are walked are returned as entries.
 * Entries that cannot be synchronized are returned too, so that the reconciler can protect them and
 * everything below them on every replica: special files, undecodable names, and folders whose listing failed
 * (returned with type {@link EntryType#OTHER} and reported to the {@link ScanListener}). The
 * folder {@value #ARCHIVE_FOLDER} at the root is never returned. Asked to, it also reads the ACLs
 * and extended attributes of every returned file and folder (one or more system calls each, so only
 * when they are to be compared); one that cannot be read is returned without them.
 *
 * <p>Listings are read ahead: when a folder has been listed, its subfolders that will be walked are
 * listed in the background by a few threads ({@value #LISTING_THREADS}, at most
 * {@value #MAX_READ_AHEAD} listings waiting), so that a disk with cold metadata serves several
 * folders at once instead of one after the other. The order of the entries does not change.
 *
 * <p>A scanner is single-use and not thread-safe. A failure to list the root is thrown from the
 * first {@link #hasNext()} as {@link UncheckedIOException}: the replica is unreachable and the
 * run must stop rather than take an empty tree for a deleted one.
 */
public final class Scanner implements Iterator<FileEntry> {

    /** Where replaced and deleted files are archived on each replica; excluded from every scan. */
    public static final String ARCHIVE_FOLDER = ".syncline-archive";

    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);
    /**
     * Siblings by name: their paths share the folder's prefix, so comparing the paths compares the
     * names without making them.
     */
    private static final Comparator<FileEntry> BY_NAME = Comparator.comparing(FileEntry::path);
    /** Folders listed at the same time in the background (system property {@code syncline.scan.readAhead}; 0: none). */
    static final int LISTING_THREADS = Integer.getInteger("syncline.scan.readAhead", 6);
    /** Listings read ahead and not consumed yet: bounds the memory the read-ahead holds. */
    static final int MAX_READ_AHEAD = 48;

    private record Frame(FolderMasks.Decision decision, Iterator<FileEntry> children) {
    }

    private final Replica replica;
    private final Filter filter;
    private final boolean hashFiles;
    private final boolean readAttributes;
    private final ScanListener listener;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, Future<List<FileEntry>>> readAhead = new HashMap<>();
    private ThreadPoolExecutor listers;
    private FileEntry next;
    private boolean started;

    /**
     * @param hashFiles whether to read every selected file to fill in {@link FileEntry#hash()}
     */
    public Scanner(Replica replica, Filter filter, boolean hashFiles, ScanListener listener) {
        this(replica, filter, hashFiles, false, listener);
    }

    /**
     * @param hashFiles      whether to read every selected file to fill in {@link FileEntry#hash()}
     * @param readAttributes whether to fill in {@link FileEntry#attributes()} (where the replica keeps them)
     */
    public Scanner(Replica replica, Filter filter, boolean hashFiles, boolean readAttributes, ScanListener listener) {
        this.replica = replica;
        this.filter = filter;
        this.hashFiles = hashFiles;
        this.readAttributes = readAttributes
                && replica.capabilities().extendedAttributes() != ExtendedAttributes.Kind.NONE;
        this.listener = listener;
    }

    @Override
    public boolean hasNext() {
        if (!started) {
            started = true;
            try {
                FolderMasks.Decision root = filter.folders().rootDecision();
                stack.push(new Frame(root, sortedChildren(RelativePath.ROOT, root)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + replica + ": " + e.getMessage(), e);
            }
        }
        while (next == null && !stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.children().hasNext()) {
                stack.pop();
                continue;
            }
            next = accept(frame.children().next(), frame.decision());
        }
        if (next == null && listers != null) {
            listers.shutdownNow();
            listers = null;
        }
        return next != null;
    }

    @Override
    public FileEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FileEntry entry = next;
        next = null;
        return entry;
    }

    private FileEntry accept(FileEntry entry, FolderMasks.Decision parentDecision) {
        switch (entry.type()) {
            case DIRECTORY -> {
                if (entry.path().equals(ARCHIVE_FOLDER)) {
                    return null;
                }
                FolderMasks.Decision decision = filter.folders().decide(entry.path(), parentDecision);
                if (decision == FolderMasks.Decision.EXCLUDE) {
                    return null;
                }
                try {
                    stack.push(new Frame(decision, sortedChildren(entry.path(), decision)));
                    return withAttributes(entry);
                } catch (IOException | UncheckedIOException e) {
                    String reason = "folder cannot be read (" + message(e) + "); nothing in it is synchronized";
                    listener.skipped(entry.path(), reason);
                    return new FileEntry(entry.path(), EntryType.OTHER, 0, entry.mtimeMillis(), entry.mode(), null);
                }
            }
            case FILE -> {
                if (parentDecision != FolderMasks.Decision.INCLUDE || !filter.selectsFile(entry)) {
                    return null;
                }
                return withAttributes(hashFiles ? hashed(entry) : entry);
            }
            case SYMLINK -> {
                return parentDecision == FolderMasks.Decision.INCLUDE && filter.selectsFile(entry) ? entry : null;
            }
            default -> {
                return entry;
            }
        }
    }

    private FileEntry hashed(FileEntry file) {
        String hash = hashOf(replica, file);
        return hash == null ? file : file.withHash(hash);
    }

    /** The content hash of {@code file} on {@code replica}, read now; {@code null} when it cannot be read. */
    public static String hashOf(Replica replica, FileEntry file) {
        try (InputStream in = replica.openRead(file.path())) {
            return ContentHash.of(in);
        } catch (IOException e) {
            LOG.debug("Could not hash {} on {}: {}", file.path(), replica, e.getMessage());
            return null;
        }
    }

    private FileEntry withAttributes(FileEntry entry) {
        if (!readAttributes) {
            return entry;
        }
        try {
            return entry.withAttributes(replica.readExtendedAttributes(entry.path()));
        } catch (IOException e) {
            LOG.debug("Could not read the ACLs of {}: {}", entry.path(), e.getMessage());
            return entry;
        }
    }

    /** The folder's children sorted by name (read ahead, or listed now); starts reading its subfolders ahead. */
    private Iterator<FileEntry> sortedChildren(String dir, FolderMasks.Decision decision) throws IOException {
        Future<List<FileEntry>> ahead = readAhead.remove(dir);
        List<FileEntry> children = ahead != null ? await(ahead) : listSorted(dir);
        readAhead(children, decision);
        return children.iterator();
    }

    private List<FileEntry> listSorted(String dir) throws IOException {
        try (Stream<FileEntry> children = replica.list(dir)) {
            return children.sorted(BY_NAME).toList();
        }
    }

    /** Starts listing, in name order, the subfolders among {@code children} that will be walked, while room is left. */
    private void readAhead(List<FileEntry> children, FolderMasks.Decision parentDecision) {
        for (FileEntry child : children) {
            if (readAhead.size() >= MAX_READ_AHEAD || LISTING_THREADS <= 0) {
                return;
            }
            if (child.type() != EntryType.DIRECTORY || child.path().equals(ARCHIVE_FOLDER)
                    || filter.folders().decide(child.path(), parentDecision) == FolderMasks.Decision.EXCLUDE) {
                continue;
            }
            readAhead.put(child.path(), listers().submit(() -> listSorted(child.path())));
        }
    }

    private ThreadPoolExecutor listers() {
        if (listers == null) {
            listers = new ThreadPoolExecutor(LISTING_THREADS, LISTING_THREADS, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "syncline-list-" + replica);
                        thread.setDaemon(true);
                        return thread;
                    });
            listers.allowCoreThreadTimeOut(true);
        }
        return listers;
    }

    private static List<FileEntry> await(Future<List<FileEntry>> listing) throws IOException {
        try {
            return listing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while listing a folder");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
