package org.syncline.sync.scale;

import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.ReplicaCapabilities;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.replica.WriteResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A read-only replica whose tree is computed, not stored: {@code folders} folders {@code d0000...}
 * under the root, each holding {@code filesPerFolder} files {@code f000000...} numbered through the
 * whole tree. A file's size and time follow from its number, so two instances hold the same
 * files, except the ones this instance leaves out ({@code number % missingEvery == 0}) or holds in a
 * newer version ({@code number % newerEvery == 0}). Listing computes the entries on demand: the
 * replica holds nothing per entry, however large the tree. Changes are refused.
 */
final class SyntheticReplica implements Replica {

    private static final long T0 = 1_600_000_000_000L;

    private final String name;
    private final int folders;
    private final int filesPerFolder;
    private final int missingEvery;
    private final int newerEvery;

    /** @param missingEvery 0: no file missing; likewise {@code newerEvery} */
    SyntheticReplica(String name, int folders, int filesPerFolder, int missingEvery, int newerEvery) {
        this.name = name;
        this.folders = folders;
        this.filesPerFolder = filesPerFolder;
        this.missingEvery = missingEvery;
        this.newerEvery = newerEvery;
    }

    @Override
    public String id() {
        return "synthetic:" + name;
    }

    @Override
    public String machineName() {
        return "synthetic-host";
    }

    @Override
    public ReplicaCapabilities capabilities() {
        return ReplicaCapabilities.POSIX;
    }

    @Override
    public String toString() {
        return id();
    }

    @Override
    public Optional<FileEntry> stat(String path) {
        RelativePath.check(path);
        if (path.isEmpty()) {
            return Optional.of(FileEntry.directory("", T0, 0755));
        }
        String folder = RelativePath.parent(path);
        if (folder.isEmpty()) {
            int index = folderIndex(path);
            return index < 0 ? Optional.empty() : Optional.of(folderEntry(index));
        }
        int index = folderIndex(folder);
        String file = RelativePath.name(path);
        if (index < 0 || !file.matches("f\\d{6}")) {
            return Optional.empty();
        }
        int number = Integer.parseInt(file.substring(1));
        boolean inFolder = number / filesPerFolder == index;
        return inFolder && has(number) ? Optional.of(fileEntry(folder, number)) : Optional.empty();
    }

    @Override
    public Stream<FileEntry> list(String dir) throws IOException {
        RelativePath.check(dir);
        if (dir.isEmpty()) {
            return IntStream.range(0, folders).mapToObj(this::folderEntry);
        }
        int index = RelativePath.parent(dir).isEmpty() ? folderIndex(dir) : -1;
        if (index < 0) {
            throw new NoSuchFileException(dir);
        }
        int first = index * filesPerFolder;
        return IntStream.range(first, first + filesPerFolder).filter(this::has)
                .mapToObj(number -> fileEntry(dir, number));
    }

    private boolean has(int number) {
        return missingEvery == 0 || number % missingEvery != 0;
    }

    private FileEntry folderEntry(int index) {
        return FileEntry.directory(String.format("d%04d", index), T0, 0755);
    }

    private FileEntry fileEntry(String folder, int number) {
        boolean newer = newerEvery != 0 && number % newerEvery == 0;
        return FileEntry.file(folder + "/" + String.format("f%06d", number), number % 2048,
                T0 + number * 1000L + (newer ? 500 : 0), 0644);
    }

    private int folderIndex(String name) {
        if (!name.matches("d\\d{4}")) {
            return -1;
        }
        int index = Integer.parseInt(name.substring(1));
        return index < folders ? index : -1;
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        throw new IOException(this + " is synthetic: its files have no content");
    }

    @Override
    public WriteResult write(String path, InputStream content, WriteRequest request) {
        throw new UnsupportedOperationException(this + " is read-only");
    }

    @Override
    public void delete(String path) {
        throw new UnsupportedOperationException(this + " is read-only");
    }

    @Override
    public void mkdirs(String path) {
        throw new UnsupportedOperationException(this + " is read-only");
    }

    @Override
    public void rename(String from, String to) {
        throw new UnsupportedOperationException(this + " is read-only");
    }

    @Override
    public void setAttributes(String path, long mtimeMillis, int mode) {
        throw new UnsupportedOperationException(this + " is read-only");
    }

    /** Nothing to make durable. */
    @Override
    public void flush() {
    }
}
