package org.syncline.sync.replica;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link Replica} on a local folder through {@code java.nio}. It never follows a symbolic link
 * and refuses every change whose path would resolve outside the root
 * ({@link UnsafePathException}). Writes follow the contract of {@link Replica#write}: temporary
 * file in the target folder, size and hash verified by reading the written file back, data and
 * attributes forced to disk, then an atomic rename.
 *
 * <p>{@link #list} removes temporary files it meets that no write of this instance is working on:
 * leftovers of a crashed run. Two processes must therefore not write the same folder at once (a
 * job never runs twice concurrently); if they did, a write could fail, but nothing would be lost.
 */
public final class LocalReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);
    private static final int BUFFER_SIZE = 1 << 20;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final String machineName;
    private final ReplicaCapabilities capabilities;
    private final Set<Path> changedDirs = ConcurrentHashMap.newKeySet();
    private final Set<Path> writing = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);

    private LocalReplica(Path root, String machineName) {
        this.root = root;
        this.machineName = machineName;
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        boolean mac = System.getProperty("os.name", "").toLowerCase().startsWith("mac");
        this.capabilities = new ReplicaCapabilities(!windows && !mac, windows, posix);
    }

    /**
     * Opens an existing folder as a replica.
     *
     * @throws NoSuchFileException if {@code folder} does not exist or is not a folder
     */
    public static LocalReplica open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "folder does not exist or is not a folder");
        }
        return new LocalReplica(folder.toRealPath(), localMachineName());
    }

    /** The absolute, real root folder. */
    public Path root() {
        return root;
    }

    @Override
    public String id() {
        return root.toUri().toString();
    }

    @Override
    public String machineName() {
        return machineName;
    }

    @Override
    public ReplicaCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    @Override
    public Optional<FileEntry> stat(String path) throws IOException {
        Path file = resolveInside(path);
        try {
            return Optional.of(entryOf(path, readAttributes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Stream<FileEntry> list(String dir) throws IOException {
        Path folder = resolve(dir);
        ensureInside(folder);
        if (Files.isSymbolicLink(folder)) {
            throw new NotDirectoryException(folder + " (a symbolic link, not followed)");
        }
        DirectoryStream<Path> children = Files.newDirectoryStream(folder);
        return StreamSupport.stream(children.spliterator(), false)
                .onClose(() -> closeQuietly(children))
                .map(child -> childEntry(dir, child))
                .filter(entry -> entry != null);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        Path file = resolveInside(path);
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new FileSystemException(file.toString(), null, "is a folder, not a file");
        }
        return Files.newInputStream(file, StandardOpenOption.READ, NOFOLLOW);
    }

    @Override
    public WriteResult write(String path, InputStream content, WriteRequest request) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot write the replica root");
        }
        Path target = resolveInside(path);
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        boolean renamed = false;
        writing.add(temp);
        try {
            long size = 0;
            ContentHash streamed = new ContentHash();
            byte[] buffer = buffers.get();
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    size += n;
                    if (size > request.expectedSize()) {
                        throw new ContentMismatchException(path + ": the source delivered more than the expected "
                                + request.expectedSize() + " bytes (it changed while being copied)");
                    }
                    streamed.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                if (size != request.expectedSize()) {
                    throw new ContentMismatchException(path + ": the source delivered " + size + " of the expected "
                            + request.expectedSize() + " bytes (it changed while being copied)");
                }
                if (request.mode() != FileEntry.UNKNOWN_MODE && capabilities.posixPermissions()) {
                    Files.setPosixFilePermissions(temp, PosixModes.toPermissions(request.mode()));
                }
                Files.setLastModifiedTime(temp, FileTime.fromMillis(request.mtimeMillis()));
                out.force(true);
            }
            String written = hashOf(temp, buffer);
            if (!written.equals(streamed.hex())) {
                throw new ContentMismatchException(path + ": the content read back from disk differs from what was written");
            }
            if (request.expectedHash() != null && !request.expectedHash().equals(written)) {
                throw new ContentMismatchException(path + ": content hash " + written + " differs from the expected "
                        + request.expectedHash() + " (the source changed while being copied)");
            }
            if (request.preserveReplacedAs() != null && Files.exists(target, NOFOLLOW)) {
                preserve(target, request.preserveReplacedAs());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
            changedDirs.add(dir);
            return new WriteResult(size, written);
        } finally {
            if (!renamed) {
                deleteTemp(temp);
            }
            writing.remove(temp);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot delete the replica root");
        }
        Path file = resolveInside(path);
        Files.delete(file);
        changedDirs.add(file.getParent());
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Path dir = resolve(path);
        ensureInside(dir);
        if (Files.exists(dir, NOFOLLOW) && !Files.isDirectory(dir, NOFOLLOW)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a folder");
        }
        Path missing = dir;
        while (!Files.exists(missing.getParent(), NOFOLLOW)) {
            missing = missing.getParent();
        }
        Files.createDirectories(dir);
        changedDirs.add(missing.getParent());
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (RelativePath.check(from).isEmpty() || RelativePath.check(to).isEmpty()) {
            throw new IllegalArgumentException("cannot rename the replica root");
        }
        Path source = resolveInside(from);
        Path target = resolveInside(to);
        BasicFileAttributes attributes = readAttributes(source);
        if (attributes.isDirectory()) {
            if (Files.exists(target, NOFOLLOW)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createLink(target, source);
            Files.delete(source);
        }
        changedDirs.add(source.getParent());
        changedDirs.add(target.getParent());
    }

    @Override
    public void setAttributes(String path, long mtimeMillis, int mode) throws IOException {
        Path file = resolveInside(path);
        if (readAttributes(file).isSymbolicLink()) {
            throw new FileSystemException(file.toString(), null, "is a symbolic link; its attributes are not changed");
        }
        if (mode != FileEntry.UNKNOWN_MODE && capabilities.posixPermissions()) {
            Files.setPosixFilePermissions(file, PosixModes.toPermissions(mode));
        }
        Files.getFileAttributeView(file, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
    }

    @Override
    public void flush() throws IOException {
        for (Path dir : Set.copyOf(changedDirs)) {
            changedDirs.remove(dir);
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (NoSuchFileException e) {
                LOG.debug("Folder {} vanished before it was flushed", dir);
            }
        }
    }

    private Path resolve(String path) {
        return root.resolve(RelativePath.check(path));
    }

    /** Resolves a path whose parent folder must lie inside the root (the last segment is not followed). */
    private Path resolveInside(String path) throws IOException {
        Path file = resolve(path);
        if (!RelativePath.parent(path).isEmpty()) {
            ensureInside(file.getParent());
        }
        return file;
    }

    /** Refuses a path that resolves, through symbolic links, outside the root. Missing tails are allowed. */
    private void ensureInside(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing, NOFOLLOW)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new UnsafePathException(path + " lies outside the replica root " + root
                    + " (through a symbolic link); refused");
        }
    }

    private BasicFileAttributes readAttributes(Path file) throws IOException {
        if (capabilities.posixPermissions()) {
            return Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
        }
        return Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
    }

    private FileEntry childEntry(String dir, Path child) {
        String name = child.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
            if (!writing.contains(child)) {
                LOG.info("Removing {}, left over by an interrupted write", child);
                deleteTemp(child);
            }
            return null;
        }
        String path = RelativePath.child(dir, name);
        if (name.indexOf('\uFFFD') >= 0 && !Files.exists(root.resolve(path), NOFOLLOW)) {
            return new FileEntry(path, EntryType.BAD_NAME, 0, 0, FileEntry.UNKNOWN_MODE, null);
        }
        try {
            return entryOf(path, readAttributes(child));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileEntry entryOf(String path, BasicFileAttributes attributes) {
        EntryType type = attributes.isRegularFile() ? EntryType.FILE
                : attributes.isDirectory() ? EntryType.DIRECTORY
                : attributes.isSymbolicLink() ? EntryType.SYMLINK
                : EntryType.OTHER;
        int mode = attributes instanceof PosixFileAttributes posix
                ? PosixModes.toMode(posix.permissions()) : FileEntry.UNKNOWN_MODE;
        long size = type == EntryType.FILE ? attributes.size() : 0;
        return new FileEntry(path, type, size, attributes.lastModifiedTime().toMillis(), mode, null);
    }

    private void preserve(Path target, String archivePath) throws IOException {
        Path archive = resolve(archivePath);
        mkdirs(RelativePath.parent(archivePath));
        ensureInside(archive.getParent());
        try {
            Files.createLink(archive, target);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.debug("Hard link for {} failed ({}); copying instead", archive, e.getMessage());
            Files.copy(target, archive, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
        }
        changedDirs.add(archive.getParent());
    }

    private static String hashOf(Path file, byte[] buffer) throws IOException {
        ContentHash hash = new ContentHash();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            int n;
            while ((n = in.read(wrapped.clear())) >= 0) {
                hash.update(buffer, 0, n);
            }
        }
        return hash.hex();
    }

    private static void deleteTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not remove temporary file {}: {}", temp, e.getMessage());
        }
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("Closing a directory listing failed: {}", e.getMessage());
        }
    }

    /** Host name from the environment, else from the network configuration, else {@code localhost}. */
    static String localMachineName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
