package org.syncline.sync.replica;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An in-memory {@link Replica} for logic tests, in the spirit of Syncthing's fake file system. It
 * keeps the same contracts as {@link LocalReplica} (the shared conformance suite proves it), can
 * pretend to be case-insensitive or Windows-named through its {@link ReplicaCapabilities}, holds
 * ACLs and extended attributes of its capabilities' kind as opaque values (or none), and can be told
 * to fail reads of a path or to refuse attributes like a file system without them. Staged writes
 * are held in memory until their commit. All methods are synchronized; content is copied in and out.
 */
public final class MemoryReplica implements Replica {

    private record Node(String path, EntryType type, byte[] content, long mtimeMillis, int mode,
                        ExtendedAttributes attributes) {
        FileEntry entry() {
            if (type == EntryType.SYMLINK) {
                return FileEntry.link(path, new String(content, StandardCharsets.UTF_8), mtimeMillis);
            }
            long size = type == EntryType.FILE ? content.length : 0;
            return new FileEntry(path, type, size, mtimeMillis, mode, null);
        }

        Node at(String newPath) {
            return new Node(newPath, type, content, mtimeMillis, mode, attributes);
        }
    }

    private final String id;
    private final String shownAs;
    private final String machineName;
    private final ReplicaCapabilities capabilities;
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Map<String, String> readFailures = new HashMap<>();
    private String attributesRefusedBy;

    /** An empty, POSIX-like replica. */
    public MemoryReplica(String id) {
        this(id, "memory-host", ReplicaCapabilities.POSIX);
    }

    public MemoryReplica(String id, String machineName, ReplicaCapabilities capabilities) {
        this.id = "memory:" + id;
        this.machineName = machineName;
        this.capabilities = capabilities;
        this.shownAs = this.id;
    }

    /**
     * An empty replica under another replica's {@link #id()}: a preview's stand-in for a folder that
     * does not exist yet, so that what the job saved of that folder is compared with nothing.
     */
    public static MemoryReplica standingFor(String replicaId, String shownAs) {
        return new MemoryReplica(replicaId, shownAs);
    }

    private MemoryReplica(String replicaId, String shownAs) {
        this.id = replicaId;
        this.machineName = LocalReplica.localMachineName();
        this.capabilities = ReplicaCapabilities.POSIX;
        this.shownAs = shownAs;
    }

    /** Makes every later {@link #openRead} of {@code path} fail with this message (as access denied). */
    public synchronized void failReadsOf(String path, String message) {
        readFailures.put(key(path), message);
    }

    /**
     * Makes this replica behave like a file system that cannot hold ACLs or extended attributes:
     * writes succeed without them and report {@code fileSystem}, attribute changes are refused with
     * {@link ExtendedAttributesUnsupportedException}, and every entry reads as having none.
     */
    public synchronized void refuseExtendedAttributes(String fileSystem) {
        attributesRefusedBy = fileSystem;
    }

    @Override
    public String id() {
        return id;
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
        return shownAs;
    }

    @Override
    public synchronized Optional<FileEntry> stat(String path) {
        if (RelativePath.check(path).isEmpty()) {
            return Optional.of(FileEntry.directory("", 0, 0755));
        }
        Node node = nodes.get(key(path));
        return node == null ? Optional.empty() : Optional.of(node.entry());
    }

    @Override
    public synchronized Stream<FileEntry> list(String dir) throws IOException {
        requireDirectory(dir);
        String prefix = dir.isEmpty() ? "" : key(dir) + "/";
        List<FileEntry> children = new ArrayList<>();
        for (Node node : nodes.tailMap(prefix, true).values()) {
            String nodeKey = key(node.path());
            if (!nodeKey.startsWith(prefix)) {
                break;
            }
            if (nodeKey.indexOf('/', prefix.length()) < 0) {
                children.add(node.entry());
            }
        }
        return children.stream();
    }

    @Override
    public synchronized InputStream openRead(String path) throws IOException {
        String failure = readFailures.get(key(RelativePath.check(path)));
        if (failure != null) {
            throw new java.nio.file.AccessDeniedException(path, null, failure);
        }
        Node node = nodes.get(key(path));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        if (node.type() != EntryType.FILE) {
            throw new FileSystemException(path, null, "is not a file");
        }
        return new ByteArrayInputStream(node.content());
    }

    @Override
    public synchronized String readLink(String path) throws IOException {
        requireLinks();
        Node node = nodes.get(key(RelativePath.check(path)));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        if (node.type() != EntryType.SYMLINK) {
            throw new NotLinkException(path);
        }
        return new String(node.content(), StandardCharsets.UTF_8);
    }

    @Override
    public StagedWrite stageLink(String path, String target, WriteRequest request) throws IOException {
        requireLinks();
        checkName(path);
        requireWritable(path);
        return new Staged(this, path, target.getBytes(StandardCharsets.UTF_8), request,
                new WriteResult(0, FileEntry.linkHash(target), null), EntryType.SYMLINK);
    }

    private void requireLinks() {
        if (!capabilities.symbolicLinks()) {
            throw new UnsupportedOperationException(this + " keeps no symbolic links");
        }
    }

    @Override
    public WriteResult write(String path, InputStream content, WriteRequest request) throws IOException {
        StagedWrite staged = stage(path, content, request);
        force(staged);
        return commit(staged);
    }

    /** Reads and verifies the content; it is kept aside until {@link #commit}. */
    @Override
    public StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
        checkName(path);
        if (request.attributes() != null) {
            requireKind(request.attributes());
        }
        requireWritable(path);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = content.read(chunk)) >= 0) {
            buffer.write(chunk, 0, n);
            if (buffer.size() > request.expectedSize()) {
                throw new ContentMismatchException(path + ": the source delivered more than the expected "
                        + request.expectedSize() + " bytes (it changed while being copied)");
            }
        }
        byte[] bytes = buffer.toByteArray();
        if (bytes.length != request.expectedSize()) {
            throw new ContentMismatchException(path + ": the source delivered " + bytes.length + " of the expected "
                    + request.expectedSize() + " bytes (it changed while being copied)");
        }
        String hash = ContentHash.of(bytes);
        if (request.expectedHash() != null && !request.expectedHash().equals(hash)) {
            throw new ContentMismatchException(path + ": content hash " + hash + " differs from the expected "
                    + request.expectedHash() + " (the source changed while being copied)");
        }
        String refusedBy;
        synchronized (this) {
            refusedBy = request.attributes() != null && !request.attributes().isEmpty() ? attributesRefusedBy : null;
        }
        return new Staged(this, path, bytes, request, new WriteResult(bytes.length, hash, refusedBy), EntryType.FILE);
    }

    @Override
    public void force(StagedWrite staged) {
        own(staged).forced = true;
    }

    @Override
    public synchronized WriteResult commit(StagedWrite staged) throws IOException {
        Staged write = own(staged);
        if (!write.forced) {
            throw new IllegalStateException(staged.path() + " was not forced before its commit");
        }
        String path = write.path;
        WriteRequest request = write.request;
        requireWritable(path);
        Node existing = nodes.get(key(path));
        if (existing != null && request.preserveReplacedAs() != null) {
            String archive = request.preserveReplacedAs();
            mkdirs(RelativePath.parent(archive));
            if (nodes.containsKey(key(archive))) {
                throw new FileAlreadyExistsException(archive);
            }
            nodes.put(key(archive), existing.at(archive));
        }
        String shownPath = existing != null ? existing.path() : path;
        if (write.type == EntryType.SYMLINK) {
            nodes.put(key(path), new Node(shownPath, EntryType.SYMLINK, write.bytes, request.mtimeMillis(),
                    FileEntry.UNKNOWN_MODE, noAttributes()));
            return write.result;
        }
        int mode = request.mode() == FileEntry.UNKNOWN_MODE || !capabilities.posixPermissions()
                ? (existing != null ? existing.mode() : defaultMode(0644)) : request.mode();
        ExtendedAttributes attributes = request.attributes() != null && write.result.attributesRefusedBy() == null
                ? request.attributes() : noAttributes();
        nodes.put(key(path), new Node(shownPath, EntryType.FILE, write.bytes, request.mtimeMillis(), mode,
                attributes));
        return write.result;
    }

    @Override
    public void discard(StagedWrite staged) {
        own(staged);
    }

    /** A verified write (a file's content, or a link's target) kept aside until its commit. */
    private static final class Staged implements StagedWrite {
        private final MemoryReplica replica;
        private final String path;
        private final byte[] bytes;
        private final WriteRequest request;
        private final WriteResult result;
        private final EntryType type;
        private volatile boolean forced;

        Staged(MemoryReplica replica, String path, byte[] bytes, WriteRequest request, WriteResult result,
               EntryType type) {
            this.replica = replica;
            this.path = path;
            this.bytes = bytes;
            this.request = request;
            this.result = result;
            this.type = type;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public WriteResult result() {
            return result;
        }
    }

    private Staged own(StagedWrite staged) {
        if (staged instanceof Staged write && write.replica == this) {
            return write;
        }
        throw new IllegalStateException(staged.path() + " was not staged by " + this);
    }

    /** The parent must be a folder, and the path not one. */
    private synchronized void requireWritable(String path) throws IOException {
        requireDirectory(RelativePath.parent(path));
        Node existing = nodes.get(key(path));
        if (existing != null && existing.type() == EntryType.DIRECTORY) {
            throw new FileSystemException(path, null, "is a folder");
        }
    }

    @Override
    public synchronized void delete(String path) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot delete the replica root");
        }
        Node node = nodes.get(key(path));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        if (node.type() == EntryType.DIRECTORY) {
            String prefix = key(path) + "/";
            Map.Entry<String, Node> after = nodes.ceilingEntry(prefix);
            if (after != null && after.getKey().startsWith(prefix)) {
                throw new DirectoryNotEmptyException(path);
            }
        }
        nodes.remove(key(path));
    }

    @Override
    public synchronized void mkdirs(String path) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            return;
        }
        Node node = nodes.get(key(path));
        if (node != null) {
            if (node.type() != EntryType.DIRECTORY) {
                throw new FileAlreadyExistsException(path, null, "exists and is not a folder");
            }
            return;
        }
        checkName(path);
        mkdirs(RelativePath.parent(path));
        nodes.put(key(path), new Node(path, EntryType.DIRECTORY, new byte[0], System.currentTimeMillis(),
                defaultMode(0755), noAttributes()));
    }

    @Override
    public synchronized void rename(String from, String to) throws IOException {
        if (RelativePath.check(from).isEmpty() || RelativePath.check(to).isEmpty()) {
            throw new IllegalArgumentException("cannot rename the replica root");
        }
        checkName(to);
        Node node = nodes.get(key(from));
        if (node == null) {
            throw new NoSuchFileException(from);
        }
        requireDirectory(RelativePath.parent(to));
        if (nodes.containsKey(key(to)) && !key(to).equals(key(from))) {
            throw new FileAlreadyExistsException(to);
        }
        String fromPrefix = key(from) + "/";
        Map<String, Node> moved = new TreeMap<>();
        for (Node child : nodes.tailMap(fromPrefix, true).values()) {
            if (!key(child.path()).startsWith(fromPrefix)) {
                break;
            }
            moved.put(to + child.path().substring(from.length()), child);
        }
        nodes.remove(key(from));
        moved.values().forEach(child -> nodes.remove(key(child.path())));
        nodes.put(key(to), node.at(to));
        moved.forEach((path, child) -> nodes.put(key(path), child.at(path)));
    }

    @Override
    public synchronized void setAttributes(String path, long mtimeMillis, int mode) throws IOException {
        Node node = nodes.get(key(RelativePath.check(path)));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        int newMode = mode == FileEntry.UNKNOWN_MODE || !capabilities.posixPermissions() || node.type() == EntryType.SYMLINK
                ? node.mode() : mode;
        nodes.put(key(path), new Node(node.path(), node.type(), node.content(), mtimeMillis, newMode,
                node.attributes()));
    }

    @Override
    public synchronized ExtendedAttributes readExtendedAttributes(String path) throws IOException {
        requireAttributeSupport();
        if (RelativePath.check(path).isEmpty()) {
            return ExtendedAttributes.none(capabilities.extendedAttributes());
        }
        Node node = nodes.get(key(path));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        return attributesRefusedBy != null ? noAttributes() : node.attributes();
    }

    @Override
    public synchronized void setExtendedAttributes(String path, ExtendedAttributes attributes) throws IOException {
        requireAttributeSupport();
        requireKind(attributes);
        Node node = nodes.get(key(RelativePath.check(path)));
        if (node == null) {
            throw new NoSuchFileException(path);
        }
        if (attributesRefusedBy != null) {
            throw new ExtendedAttributesUnsupportedException(path, attributesRefusedBy);
        }
        nodes.put(key(path), new Node(node.path(), node.type(), node.content(), node.mtimeMillis(), node.mode(),
                attributes));
    }

    @Override
    public void flush() {
        // Memory is as durable as it gets; nothing to do.
    }

    private String key(String path) {
        return capabilities.caseSensitive() ? path : PortableNames.caseKey(path);
    }

    /** What a new entry carries: no attributes of this replica's kind. */
    private ExtendedAttributes noAttributes() {
        ExtendedAttributes.Kind kind = capabilities.extendedAttributes();
        return kind == ExtendedAttributes.Kind.NONE ? null : ExtendedAttributes.none(kind);
    }

    private void requireAttributeSupport() {
        if (capabilities.extendedAttributes() == ExtendedAttributes.Kind.NONE) {
            throw new UnsupportedOperationException(this + " keeps no ACLs or extended attributes");
        }
    }

    private void requireKind(ExtendedAttributes attributes) {
        requireAttributeSupport();
        if (attributes.kind() != capabilities.extendedAttributes()) {
            throw new IllegalArgumentException(attributes.kind() + " ACLs cannot be applied on "
                    + capabilities.extendedAttributes() + "; nothing was changed");
        }
    }

    private int defaultMode(int mode) {
        return capabilities.posixPermissions() ? mode : FileEntry.UNKNOWN_MODE;
    }

    private void checkName(String path) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot write the replica root");
        }
        if (capabilities.windowsNames()) {
            String problem = PortableNames.windowsPathProblem(path);
            if (problem != null) {
                throw new FileSystemException(path, null, problem);
            }
        }
    }

    private void requireDirectory(String dir) throws IOException {
        if (RelativePath.check(dir).isEmpty()) {
            return;
        }
        Node node = nodes.get(key(dir));
        if (node == null) {
            throw new NoSuchFileException(dir);
        }
        if (node.type() != EntryType.DIRECTORY) {
            throw new NotDirectoryException(dir);
        }
    }
}
