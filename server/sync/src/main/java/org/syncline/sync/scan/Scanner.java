package org.syncline.sync.scan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Walks one replica depth-first and streams its entries in {@link RelativePath#ORDER}: a folder
 * comes right before its content, siblings sorted by name. Only the folders on the current path
 * are held in memory (each as its sorted list of children), never the whole tree.
 *
 * <p>Folder masks decide which folders are walked; file masks and ranges which files are returned.
 * Folders that are walked are returned as entries. Entries that cannot be synchronized are
 * returned too, so that the reconciler can protect them and everything below them on every
 * replica: symbolic links, special files, undecodable names, and folders whose listing failed
 * (returned with type {@link EntryType#OTHER} and reported to the {@link ScanListener}). The
 * folder {@value #ARCHIVE_FOLDER} at the root is never returned.
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

    private record Frame(FolderMasks.Decision decision, Iterator<FileEntry> children) {
    }

    private final Replica replica;
    private final Filter filter;
    private final boolean hashFiles;
    private final ScanListener listener;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private FileEntry next;
    private boolean started;

    /**
     * @param hashFiles whether to read every selected file to fill in {@link FileEntry#hash()}
     */
    public Scanner(Replica replica, Filter filter, boolean hashFiles, ScanListener listener) {
        this.replica = replica;
        this.filter = filter;
        this.hashFiles = hashFiles;
        this.listener = listener;
    }

    @Override
    public boolean hasNext() {
        if (!started) {
            started = true;
            try {
                stack.push(new Frame(filter.folders().rootDecision(), sortedChildren(RelativePath.ROOT)));
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
                    stack.push(new Frame(decision, sortedChildren(entry.path())));
                    return entry;
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
                return hashFiles ? hashed(entry) : entry;
            }
            default -> {
                return entry;
            }
        }
    }

    private FileEntry hashed(FileEntry file) {
        try (InputStream in = replica.openRead(file.path())) {
            return file.withHash(ContentHash.of(in));
        } catch (IOException e) {
            LOG.debug("Could not hash {}: {}", file.path(), e.getMessage());
            return file;
        }
    }

    private Iterator<FileEntry> sortedChildren(String dir) throws IOException {
        try (Stream<FileEntry> children = replica.list(dir)) {
            List<FileEntry> sorted = children.sorted(BY_NAME).toList();
            return sorted.iterator();
        }
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
