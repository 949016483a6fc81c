package org.syncline.sync.replica;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.spill.PositionalInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link Replica} on a local folder through {@code java.nio}. It never follows a symbolic link
 * and refuses every change whose path would resolve outside the root
 * ({@link UnsafePathException}). Writes follow the contract of {@link Replica#write}: temporary
 * file in the target folder, size and hash verified in the stream (see {@link #stage}), data and
 * attributes forced to disk ({@code fsync}, or for a batch one {@code syncfs} of the file system,
 * see {@link #forceTogether}), then an atomic rename; the folders are forced by {@link #flush}.
 * ACLs and extended attributes are those of the platform ({@link LinuxAttributes},
 * {@link WindowsAttributes}); a file system that cannot hold them costs one refused call per run.
 *
 * <p>{@link #list} removes temporary files it meets that no write of this instance is working on:
 * leftovers of a crashed run. Two processes must therefore not write the same folder at once (a
 * job never runs twice concurrently); if they did, a write could fail, but nothing would be lost.
 */
public final class LocalReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(LocalReplica.class);
    private static final int BUFFER_SIZE = 1 << 20;
    /**
     * The most of a file {@link #willRead} asks to read ahead: a large file's first part; the kernel's
     * own read-ahead follows its sequential reading from there. Recent kernels read no more than the
     * device's read-ahead size ({@code read_ahead_kb}) per hint anyway; older ones read all they are
     * asked for.
     */
    private static final long READ_AHEAD_LIMIT = 8L << 20;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** The type bits of {@code st_mode} and the types read from them. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final Set<StandardOpenOption> CREATE_WRITE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path root;
    private volatile FileStore fileStore;
    private final String machineName;
    private final ReplicaCapabilities capabilities;
    private final LocalAttributes attributes;
    private final Set<Path> changedDirs = ConcurrentHashMap.newKeySet();
    private final Set<Path> insideFolders = ConcurrentHashMap.newKeySet();
    /** Device of each folder a batch was forced in; a folder's device does not change during a run. */
    private final Map<Path, Object> devices = new ConcurrentHashMap<>();
    /**
     * Bytes of the files staged and neither forced nor discarded yet (a batch being forced and the
     * next one being staged): this replica's own, not the "other programs' data" that makes
     * {@link #forceTogether} force files one by one.
     */
    private final AtomicLong unforcedBytes = new AtomicLong();
    /** Whether other programs' data waits to be written, given this replica's own unforced bytes (tests replace it). */
    volatile LongPredicate othersWaiting = FileSystemSync::othersWaiting;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);
    private final long timeGranularity;
    /** The device of the root when the replica was opened, or {@code null} where not known. */
    private final Object rootDevice;
    /** The files read under a lock now, by path. */
    private final Map<Path, SharedReadLock> readLocks = new HashMap<>();

    /** The hashes of files read whole, kept by the process; {@code null}: none are remembered. */
    private final KnownHashes knownHashes;

    /** What changed since earlier runs listed the tree; {@code null}: every folder is listed. */
    private final ChangeJournal journal;
    private final ChangeJournal.Tally journalTally;
    private final ChangeJournal.Source journalSource = new ChangeJournal.Source() {
        @Override
        public List<FileEntry> list(String dir) throws IOException {
            try (Stream<FileEntry> entries = listNow(dir)) {
                return entries.toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public FileEntry child(String dir, String name) {
            Path folder = resolve(dir);
            return childEntry(dir, folder.resolve(name), insideFolders.contains(folder));
        }

        @Override
        public Object kind() {
            // Found by each replica's probe of its volume: a failed probe reads less.
            return capabilities.posixPermissions() ? capabilities.owners() ? "modes and owners" : "modes" : "no modes";
        }
    };

    /** How the journal reads this replica's folders and entries. */
    ChangeJournal.Source journalSource() {
        return journalSource;
    }

    private LocalReplica(Path root, String machineName, LocalAttributes attributes, ChangeJournal journal,
                         KnownHashes knownHashes) {
        this.root = root;
        this.journal = journal;
        this.knownHashes = knownHashes;
        this.journalTally = journal != null ? new ChangeJournal.Tally(journal) : null;
        this.machineName = machineName;
        this.attributes = attributes;
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        boolean mac = System.getProperty("os.name", "").toLowerCase().startsWith("mac");
        Volume volume = Volume.probe(root, new Volume(!windows && !mac, windows, posix, 1, !windows, posix && runsAsRoot()));
        this.capabilities = new ReplicaCapabilities(volume.caseSensitive(), volume.windowsNames(), volume.keepsPermissions(),
                attributes.kind(), volume.keepsLinks(), volume.keepsPermissions() && volume.takesOwners());
        this.timeGranularity = volume.timeGranularityMillis();
        this.rootDevice = deviceOrNull(root);
    }

    /**
     * Whether this process runs as root (Linux: the owner of {@code /proc/self} is its effective
     * user); elsewhere {@code false}. Only root may give files to other users.
     */
    private static boolean runsAsRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What the file system under the root does, which the platform does not say for a volume mounted
     * on it (exFAT, FAT or NTFS on a USB disk, a share): whether it tells names apart by case,
     * whether it refuses names Windows refuses, whether it keeps POSIX permission bits, how
     * finely it keeps modification times, whether it can hold symbolic links, and whether this
     * process may give its files to other users (as root, where the file system lets it).
     */
    private record Volume(boolean caseSensitive, boolean windowsNames, boolean keepsPermissions, long timeGranularityMillis,
                          boolean keepsLinks, boolean takesOwners) {

        private static final Set<PosixFilePermission> PROBE_MODE = PosixFilePermissions.fromString("rw-r-----");
        /** A user the owner probe is given to; it need not exist. */
        private static final int PROBE_UID = 54_321;

        /**
         * Asked with one temporary file (a reserved name) in the root, before any scan: its name is
         * looked up in other letters, and it is given permissions and a time ({@link #PROBE_TIME})
         * it is then read back with; then a second name with a character Windows does not allow is
         * tried (exFAT, FAT, NTFS mounted with {@code windows_names} refuse it), and a third as a
         * symbolic link (exFAT and FAT cannot hold one); run as root, the first is also given to
         * another user. The probes are deleted and the root's own modification time put back. A
         * root this process cannot write to is no target: the platform's defaults.
         */
        static Volume probe(Path root, Volume platform) {
            if (!Files.isWritable(root)) {
                return platform;
            }
            String name = TempFiles.newName("CASE-");
            Path probe = root.resolve(name);
            FileTime rootTime = null;
            try {
                rootTime = Files.getLastModifiedTime(root);
                TempFiles.writing(probe);
                Files.createFile(probe);
                boolean caseSensitive = !Files.exists(root.resolve(name.replace("-CASE-", "-case-")), NOFOLLOW);
                boolean permissions = platform.keepsPermissions() && keepsPermissions(probe);
                Files.setLastModifiedTime(probe, FileTime.fromMillis(PROBE_TIME));
                long granularity = granularity(PROBE_TIME, Files.getLastModifiedTime(probe).toMillis());
                boolean windowsNames = platform.windowsNames() || refusesWindowsForbiddenNames(root);
                boolean owners = permissions && platform.takesOwners() && takesOwners(probe);
                return new Volume(caseSensitive, windowsNames, permissions, granularity, holdsLinks(root), owners);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("Cannot tell what the file system of {} keeps ({}); assuming the platform's defaults", root, e.toString());
                return platform;
            } finally {
                try {
                    Files.deleteIfExists(probe);
                    if (rootTime != null) {
                        Files.setLastModifiedTime(root, rootTime);
                    }
                } catch (IOException e) {
                    LOG.debug("Cleaning up after the probe in {}: {}", root, e.toString());
                } finally {
                    TempFiles.done(probe);
                }
            }
        }

        /** Whether a name with a {@code :} cannot be created in {@code root} (any failure counts: names are then held to Windows' rules). */
        private static boolean refusesWindowsForbiddenNames(Path root) {
            return !creates(root, TempFiles.newName("NAME-") + ":", Files::createFile);
        }

        /** Whether a symbolic link can be created in {@code root}. */
        private static boolean holdsLinks(Path root) {
            return creates(root, TempFiles.newName("LINK-"), probe -> Files.createSymbolicLink(probe, Path.of("probe")));
        }

        /** Whether {@code creation} succeeds for the reserved {@code name} in {@code root}; what it made is deleted. */
        private static boolean creates(Path root, String name, ProbeCreation creation) {
            Path probe = root.resolve(name);
            TempFiles.writing(probe);
            try {
                creation.create(probe);
                return true;
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            } finally {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    LOG.debug("Cleaning up after the probe in {}: {}", root, e.toString());
                } finally {
                    TempFiles.done(probe);
                }
            }
        }

        private interface ProbeCreation {
            void create(Path probe) throws IOException;
        }

        /**
         * Whether the probe can be given to another user: the file system lets this process (root)
         * change owners; a share that maps root to an unprivileged user (NFS {@code root_squash}) does not.
         */
        private static boolean takesOwners(Path probe) {
            try {
                int uid = (Integer) Files.getAttribute(probe, "unix:uid", NOFOLLOW);
                int other = uid == PROBE_UID ? PROBE_UID + 1 : PROBE_UID;
                Files.setAttribute(probe, "unix:uid", other, NOFOLLOW);
                return (Integer) Files.getAttribute(probe, "unix:uid", NOFOLLOW) == other;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }

        private static boolean keepsPermissions(Path probe) {
            try {
                Files.setPosixFilePermissions(probe, PROBE_MODE);
                return Files.getPosixFilePermissions(probe, NOFOLLOW).equals(PROBE_MODE);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * Opens an existing folder as a replica.
     *
     * @throws NoSuchFileException if {@code folder} does not exist or is not a folder
     */
    public static LocalReplica open(Path folder) throws IOException {
        Path root = realFolder(folder);
        return new LocalReplica(root, localMachineName(), LocalAttributes.forPlatform(root), null, null);
    }

    /**
     * Opens an existing folder as a replica whose listings come from the folder's change journal
     * among {@code journals} where it has one: folders unchanged since an earlier run listed them
     * are not read again. It also remembers the hashes of the files read whole
     * ({@link ChangeJournals#knownHashesFor}), so that a file found under another name later (a folder
     * renamed) need not be read again to be recognised ({@link #knownHash}).
     *
     * @throws NoSuchFileException if {@code folder} does not exist or is not a folder
     */
    public static LocalReplica open(Path folder, ChangeJournals journals) throws IOException {
        Path root = realFolder(folder);
        return new LocalReplica(root, localMachineName(), LocalAttributes.forPlatform(root), journals.forRoot(root),
                journals.knownHashesFor(root));
    }

    /** Opens a folder as a replica that remembers the hashes of files read whole in {@code known} (tests). */
    static LocalReplica open(Path folder, KnownHashes known) throws IOException {
        Path root = realFolder(folder);
        return new LocalReplica(root, localMachineName(), LocalAttributes.forPlatform(root), null, known);
    }

    /** The real path of {@code folder}; {@link NoSuchFileException} when it is not an existing folder. */
    private static Path realFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "folder does not exist or is not a folder");
        }
        return folder.toRealPath();
    }

    /**
     * The {@link #id()} the replica of {@code folder} has, or would have once the folder exists (a
     * missing folder is named by its parent's real path): its real path as a folder URI.
     */
    public static String idOf(Path folder) throws IOException {
        Path real = Files.exists(folder) ? folder.toRealPath()
                : folder.toAbsolutePath().getParent().toRealPath().resolve(folder.getFileName().toString());
        String uri = real.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The absolute, real root folder. */
    public Path root() {
        return root;
    }

    /** Found when the replica was opened ({@link Volume#probe}). */
    @Override
    public long timeGranularityMillis() {
        return timeGranularity;
    }

    /**
     * A time of an odd second and 456 ms: truncated or rounded to 10 ms, 100 ms, a second or two
     * seconds, it becomes a multiple of that step and of no coarser one.
     */
    static final long PROBE_TIME = 1_700_000_001_456L;

    /** The coarsest of 2000, 1000, 100 and 10 ms that the time kept is a multiple of and within; else 1. */
    static long granularity(long asked, long kept) {
        for (long step : new long[] {2000, 1000, 100, 10}) {
            if (Math.floorMod(kept, step) == 0 && Math.abs(asked - kept) < step) {
                return step;
            }
        }
        return 1;
    }

    @Override
    public String id() {
        return root.toUri().toString();
    }

    @Override
    public String machineName() {
        return machineName;
    }

    /** The free space of the root's file system that this process may use ({@code statvfs}'s available blocks). */
    @Override
    public OptionalLong usableSpace() throws IOException {
        FileStore store = fileStore;
        if (store == null) {
            store = Files.getFileStore(root); // reads the mount table: once
            fileStore = store;
        }
        return OptionalLong.of(store.getUsableSpace());
    }

    /**
     * The root is still a folder on the device it was on when opened: after a disk is unmounted its
     * mount point is still there, on another device, and writing into it would fill that one.
     */
    @Override
    public boolean reachable() {
        Object device;
        try {
            // One stat: this runs before every change.
            Map<String, Object> read = Files.readAttributes(root, "unix:dev,isDirectory");
            if (!Boolean.TRUE.equals(read.get("isDirectory"))) {
                return false;
            }
            device = read.get("dev");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isDirectory(root); // no devices here (not Unix)
        } catch (IOException e) {
            return false;
        }
        return rootDevice == null || rootDevice.equals(device);
    }

    /**
     * Refuses a change when the root is no longer the folder opened ({@link #reachable()}): a write
     * into an unmounted disk's mount point would land on the disk holding the mount point.
     */
    private void requireReachable() throws NoSuchFileException {
        if (!reachable()) {
            throw new NoSuchFileException(root.toString(), null, "is no longer reachable: its disk or share was"
                    + " disconnected or unmounted");
        }
    }

    /** The device a folder is on, or {@code null} where the file system does not say (not Unix) or it cannot be read. */
    private static Object deviceOrNull(Path folder) {
        try {
            return Files.getAttribute(folder, "unix:dev", NOFOLLOW);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** From the mount table as it is now: a file system remounted read-only after errors shows at once. */
    @Override
    public boolean readOnly() {
        try {
            Optional<Boolean> mounted = MountTable.readOnly(root.toRealPath());
            return mounted.isPresent() ? mounted.get() : Files.getFileStore(root).isReadOnly();
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
        // Not entryWithOwner's one read: for a missing file (a copy's new target, checked twice) it
        // throws, which costs more than a second read of an existing file's owner.
        BasicFileAttributes attributes = readAttributesIfExists(file);
        if (attributes == null) {
            return Optional.empty();
        }
        try {
            FileEntry entry = entryOf(path, file, attributes);
            return Optional.of(capabilities.owners() ? entry.withOwner(ownerOf(file)) : entry);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Where the replica remembers hashes (opened with {@link ChangeJournals}): the file's stamp
     * now ({@link KnownHashes.Stamp}), when its change time is settled.
     */
    @Override
    public HashedRead beginHashedRead(String path) {
        KnownHashes known = knownHashes;
        KnownHashes.Stamp before = known == null ? null : stampOf(path);
        if (before == null || !known.settled(before)) {
            return null;
        }
        return hash -> {
            KnownHashes.Stamp after = stampOf(path);
            if (after != null) {
                known.remember(before, after, hash);
            }
        };
    }

    @Override
    public String knownHash(String path) {
        KnownHashes known = knownHashes;
        KnownHashes.Stamp now = known == null ? null : stampOf(path);
        return now == null ? null : known.hashOf(now);
    }

    /**
     * The stamp of the regular file at {@code path}, from one {@code lstat}; {@code null} when there
     * is none, it cannot be read or it lies on another file system than the root.
     */
    private KnownHashes.Stamp stampOf(String path) {
        try {
            Map<String, Object> read = Files.readAttributes(resolveInside(path),
                    "unix:dev,ino,ctime,size,lastModifiedTime,isRegularFile", NOFOLLOW);
            if (!Boolean.TRUE.equals(read.get("isRegularFile")) || !read.get("dev").equals(rootDevice)) {
                return null; // a file system mounted inside the root may be a share: not remembered
            }
            return new KnownHashes.Stamp((Long) read.get("dev"), (Long) read.get("ino"),
                    ((FileTime) read.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) read.get("size"),
                    ((FileTime) read.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS));
        } catch (IOException | RuntimeException e) {
            return null; // the read reports what is wrong; unknown, the file is read
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a change journal: from memory where nothing changed in the folder since an earlier
     * run listed it, with just the changed names read again where a few changed.
     */
    @Override
    public Stream<FileEntry> list(String dir) throws IOException {
        return journal != null ? journal.list(dir, journalSource, journalTally).stream() : listNow(dir);
    }

    /** How this replica's listings were served by its change journal; empty where it has none. */
    public Optional<ChangeJournal.Tally> journalTally() {
        return Optional.ofNullable(journalTally);
    }

    /** Lists the folder from the disk. */
    private Stream<FileEntry> listNow(String dir) throws IOException {
        Path folder = resolve(dir);
        ensureInside(folder);
        if (Files.isSymbolicLink(folder)) {
            throw new NotDirectoryException(folder + " (a symbolic link, not followed)");
        }
        DirectoryStream<Path> children = Files.newDirectoryStream(folder);
        boolean folderInside = insideFolders.contains(folder);
        return StreamSupport.stream(children.spliterator(), false)
                .onClose(() -> closeQuietly(children))
                .map(child -> childEntry(dir, child, folderInside))
                .filter(entry -> entry != null);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return Files.newInputStream(fileToRead(path), StandardOpenOption.READ, NOFOLLOW);
    }

    /**
     * Asks the kernel to read the file's first {@code bytes} (at most {@link #READ_AHEAD_LIMIT}) into
     * its page cache in the background ({@code posix_fadvise(WILLNEED)}), on a descriptor opened
     * without following a link and without waiting for a named pipe's writer, closed at once.
     */
    @Override
    public void willRead(String path, long bytes) {
        Libc libc = Libc.INSTANCE;
        if (libc == null || Libc.O_HINT == -1 || bytes <= 0) {
            return;
        }
        int fd;
        try {
            fd = libc.open(resolveInside(path).toString(), Libc.O_HINT);
        } catch (IOException | RuntimeException e) {
            return; // the read reports it
        }
        try {
            libc.posix_fadvise(fd, 0, Math.min(bytes, READ_AHEAD_LIMIT), Libc.POSIX_FADV_WILLNEED);
        } finally {
            Libc.closeReadOnly(libc, fd);
        }
    }

    /** The file at {@code path}, refused when it is a folder. */
    private Path fileToRead(String path) throws IOException {
        Path file = resolveInside(path);
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new FileSystemException(file.toString(), null, "is a folder, not a file");
        }
        return file;
    }

    /**
     * With {@code lock}: a shared {@code fcntl} lock on the whole file while the stream is open.
     * Programs that lock with {@code fcntl} or {@code lockf} honour it (Samba maps its clients'
     * byte-range locks onto these by default; {@code flock} locks are separate and not seen). Since
     * closing any descriptor of a file drops all of a process's {@code fcntl} locks on it, reads of a
     * file this replica has locked already (the same file copied to several paths at once) share the
     * descriptor and its lock, which is released when the last of them is closed.
     */
    @Override
    public InputStream openRead(String path, boolean lock) throws IOException {
        if (!lock) {
            return openRead(path);
        }
        Path file = fileToRead(path);
        synchronized (readLocks) {
            SharedReadLock held = readLocks.get(file);
            if (held == null) {
                held = new SharedReadLock(FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW));
                try {
                    if (held.channel.tryLock(0, Long.MAX_VALUE, true) == null) {
                        throw new FileLockedException(file.toString(), "is locked by another program, which may be"
                                + " writing it; it was not copied, the next run tries again");
                    }
                } catch (IOException | RuntimeException e) {
                    held.channel.close();
                    throw e;
                }
                readLocks.put(file, held);
            }
            held.readers++;
            // Each reader reads at its own position through the shared descriptor.
            return new PositionalInput(held.channel, () -> release(file));
        }
    }

    /** A file's descriptor with its shared lock, and how many streams read it. Guarded by {@link #readLocks}. */
    private static final class SharedReadLock {
        final FileChannel channel;
        int readers;

        SharedReadLock(FileChannel channel) {
            this.channel = channel;
        }
    }

    /** The last reader of a locked file closes its descriptor, which releases the lock. */
    private void release(Path file) throws IOException {
        synchronized (readLocks) {
            SharedReadLock held = readLocks.get(file);
            if (held != null && --held.readers == 0) {
                readLocks.remove(file);
                held.channel.close();
            }
        }
    }

    @Override
    public WriteResult write(String path, InputStream content, WriteRequest request) throws IOException {
        StagedWrite staged = stage(path, content, request);
        try {
            force(staged);
        } catch (IOException | RuntimeException e) {
            discard(staged);
            throw e;
        }
        return commit(staged);
    }

    /**
     * Writes the content to a temporary file and verifies it <em>in the stream</em>: the write loop
     * writes each buffer completely, the size must equal {@link WriteRequest#expectedSize()}, and
     * every byte is hashed on its way: when the request carries the source's
     * {@link WriteRequest#expectedHash() hash} (a run that compares content, or a transfer that sends
     * one) the hash must match; either way the result reports it, and the run's saved state keeps it
     * (so that a later run can recognize the file when it is moved, without reading it again; XXH3
     * costs about a second of one core for 10 GB). The file is not read
     * back: a read right after the write is served from the page cache, i.e. it returns the
     * very bytes this method handed to the kernel; corruption below the page cache is the storage
     * stack's to detect. That the source did not change while it was read is the caller's check at
     * the end of the stream (see {@code SourceStream}).
     *
     * <p>When permissions are to be set, the temporary file is created readable and writable
     * by its owner only, so that nobody else can open it while its final access is not set yet (a
     * descriptor opened then would outlive the change). The requested ACLs and extended attributes
     * are applied last, replacing any the file inherited from its folder's default ACL.
     */
    @Override
    public StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
        return staged(path, (temp, target) -> {
            long size = 0;
            ContentHash streamed = new ContentHash();
            byte[] buffer = buffers.get();
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            boolean restrict = capabilities.posixPermissions() && request.mode() != FileEntry.UNKNOWN_MODE;
            try (FileChannel out = restrict ? FileChannel.open(temp, CREATE_WRITE, OWNER_ONLY)
                    : FileChannel.open(temp, CREATE_WRITE)) {
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    size += n;
                    if (size > request.expectedSize()) {
                        throw new ContentMismatchException(path + ": the source delivered more than the expected "
                                + request.expectedSize() + " bytes (it changed while being copied)");
                    }
                    streamed.update(buffer, 0, n);
                    wrapped.clear().limit(n);
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped);
                    }
                }
            }
            if (size != request.expectedSize()) {
                throw new ContentMismatchException(path + ": the source delivered " + size + " of the expected "
                        + request.expectedSize() + " bytes (it changed while being copied)");
            }
            String hash = streamed.hex();
            if (request.expectedHash() != null && !request.expectedHash().equals(hash)) {
                throw new ContentMismatchException(path + ": content hash " + hash + " differs from the expected "
                        + request.expectedHash() + " (the source changed while being copied)");
            }
            boolean ownerKept = giveOwner(temp, request.owner());
            if (request.mode() != FileEntry.UNKNOWN_MODE && capabilities.posixPermissions()) {
                Files.setPosixFilePermissions(temp, PosixModes.toPermissions(request.mode()));
            }
            String attributesRefusedBy = request.attributes() == null ? null
                    : attributes.write(temp, request.attributes(), NativeAttributes.Target.NEW_FILE, false);
            // Both times given: with the access time left as it is, Java first reads the file's times.
            Files.getFileAttributeView(temp, BasicFileAttributeView.class, NOFOLLOW).setTimes(
                    FileTime.fromMillis(request.mtimeMillis()), FileTime.fromMillis(System.currentTimeMillis()), null);
            return new LocalStagedWrite(this, path, temp, target, request.preserveReplacedAs(), request.lockReplaced(),
                    new WriteResult(size, hash, attributesRefusedBy, !ownerKept), false);
        });
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(resolveInside(path)).toString();
    }

    /** The link is made under a reserved temporary name; its time is set where the file system allows it. */
    @Override
    public StagedWrite stageLink(String path, String linkTarget, WriteRequest request) throws IOException {
        return staged(path, (temp, target) -> {
            Files.createSymbolicLink(temp, Path.of(linkTarget));
            try {
                Files.getFileAttributeView(temp, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(FileTime.fromMillis(request.mtimeMillis()), null, null);
            } catch (IOException e) {
                LOG.debug("Cannot set the time of the link {}: {}", temp, e.toString());
            }
            boolean ownerKept = giveOwner(temp, request.owner());
            return new LocalStagedWrite(this, path, temp, target, request.preserveReplacedAs(), false,
                    new WriteResult(0, FileEntry.linkHash(linkTarget), null, !ownerKept), true);
        });
    }

    /** Read where the file system keeps POSIX permissions (and with them owners); else none. */
    @Override
    public Optional<Ownership> owner(String path) throws IOException {
        Path file = resolveInside(path);
        if (!capabilities.posixPermissions()) {
            Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            return Optional.empty();
        }
        return Optional.of(ownerOf(file));
    }

    @Override
    public boolean setOwner(String path, Ownership owner) throws IOException {
        Path file = resolveInside(path);
        requireReachable();
        return giveOwner(file, owner);
    }

    private static Ownership ownerOf(Path file) throws IOException {
        Map<String, Object> ids = Files.readAttributes(file, "unix:uid,gid", NOFOLLOW);
        return new Ownership((Integer) ids.get("uid"), (Integer) ids.get("gid"));
    }

    /**
     * Gives {@code file} (a link itself) the owner, where the file system keeps owners and it has
     * another one; {@code false} when this process may not ({@code EPERM}: it is not root, or a share
     * squashes root; the message is the system's, in its language), which is no failure of the write.
     */
    private boolean giveOwner(Path file, Ownership owner) throws IOException {
        if (owner == null || !capabilities.posixPermissions()) {
            return true;
        }
        Ownership current = ownerOf(file);
        try {
            if (current.uid() != owner.uid()) {
                Files.setAttribute(file, "unix:uid", owner.uid(), NOFOLLOW);
            }
            if (current.gid() != owner.gid()) {
                Files.setAttribute(file, "unix:gid", owner.gid(), NOFOLLOW);
            }
            return true;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            LOG.debug("Cannot give {} the owner {}: {}", file, owner, e.getMessage());
            return false;
        }
    }

    /**
     * Runs {@code writer} on a new reserved temporary name in the folder of {@code path}'s target,
     * which it fills; when it fails, what it left there is removed.
     */
    private StagedWrite staged(String path, TempWriter writer) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot write the replica root");
        }
        Path target = resolveInside(path);
        requireReachable();
        Path temp = target.getParent().resolve(TempFiles.newName(""));
        boolean staged = false;
        TempFiles.writing(temp);
        try {
            StagedWrite write = writer.write(temp, target);
            staged = true;
            unforcedBytes.addAndGet(write.result().size());
            return write;
        } finally {
            if (!staged) {
                deleteTemp(temp);
                TempFiles.done(temp);
            }
        }
    }

    private interface TempWriter {
        StagedWrite write(Path temp, Path target) throws IOException;
    }

    /**
     * Forces the temporary file's data and metadata with {@code fsync} (a staged link: its folder's,
     * which holds it); safe to call from several threads.
     */
    @Override
    public void force(StagedWrite staged) throws IOException {
        LocalStagedWrite local = own(staged);
        try (FileChannel channel = local.link() ? FileChannel.open(local.temp().getParent(), StandardOpenOption.READ)
                : openForForce(local.temp())) {
            channel.force(true);
        }
        local.markForced();
        settled(local);
    }

    /** Whether a {@code syncfs} would wait for much of other programs' data ({@link FileSystemSync#othersWaiting}). */
    private boolean othersWaiting() {
        return othersWaiting.test(Math.max(0, unforcedBytes.get()));
    }

    /** Takes a staged write's bytes off those waiting to be forced, once. */
    private void settled(LocalStagedWrite write) {
        if (write.settle()) {
            unforcedBytes.addAndGet(-write.result().size());
        }
    }

    /**
     * Forces a batch with one {@code syncfs} per file system the temporary files lie on (usually
     * one), where the kernel supports it and no more than a little of other programs' data waits to
     * be written (which {@code syncfs} would wait for; then the caller forces each file); see
     * {@link FileSystemSync}.
     */
    @Override
    public boolean forceTogether(List<? extends StagedWrite> staged) throws IOException {
        if (!FileSystemSync.available()) {
            return false;
        }
        List<LocalStagedWrite> local = staged.stream().map(this::own).toList();
        if (othersWaiting()) {
            LOG.debug("Other programs' data waits to be written on this machine: forcing {} files one by one", local.size());
            return false;
        }
        syncFileSystems(local.stream().map(write -> write.temp().getParent()).distinct().toList());
        local.forEach(write -> {
            write.markForced();
            settled(write);
        });
        return true;
    }

    /** Runs {@code syncfs} once for each file system holding one of {@code folders}. */
    private void syncFileSystems(List<Path> folders) throws IOException {
        Map<Object, Path> byDevice = new HashMap<>();
        for (Path folder : folders) {
            Object device;
            try {
                device = devices.computeIfAbsent(folder, LocalReplica::device);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof NoSuchFileException) {
                    continue;
                }
                throw e.getCause();
            }
            byDevice.putIfAbsent(device, folder);
        }
        for (Path folder : byDevice.values()) {
            FileSystemSync.sync(folder);
        }
    }

    private static Object device(Path folder) {
        try {
            return Files.getAttribute(folder, "unix:dev", NOFOLLOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a file to fsync it: for reading, or for writing when its permissions forbid reading. */
    private static FileChannel openForForce(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        }
    }

    @Override
    public WriteResult commit(StagedWrite staged) throws IOException {
        LocalStagedWrite local = own(staged);
        if (!local.forced()) {
            throw new IllegalStateException(staged.path() + " was not forced to stable storage before its commit");
        }
        boolean renamed = false;
        try (FileChannel replaced = local.lockReplaced() ? lockReplaced(local.target()) : null) {
            if (local.preserveReplacedAs() != null && Files.exists(local.target(), NOFOLLOW)) {
                preserve(local.target(), local.preserveReplacedAs());
            }
            Files.move(local.temp(), local.target(), StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
            changedDirs.add(local.target().getParent());
            return local.result();
        } finally {
            if (!renamed) {
                deleteTemp(local.temp());
            }
            TempFiles.done(local.temp());
        }
    }

    /**
     * Takes an exclusive {@code fcntl} lock on the file about to be replaced, held until the rename;
     * {@code null} when there is no file (or only one this process cannot open for writing, which it
     * could not lock).
     *
     * @throws FileLockedException if another program holds a lock on it
     */
    private static FileChannel lockReplaced(Path target) throws IOException {
        if (!Files.isRegularFile(target, NOFOLLOW)) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(target, StandardOpenOption.WRITE, NOFOLLOW);
        } catch (AccessDeniedException | NoSuchFileException e) {
            return null;
        }
        try {
            if (channel.tryLock(0, Long.MAX_VALUE, false) == null) {
                throw new FileLockedException(target.toString(), "is in use: another program holds a lock on it;"
                        + " it was not replaced, the next run tries again");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void discard(StagedWrite staged) {
        LocalStagedWrite local = own(staged);
        deleteTemp(local.temp());
        TempFiles.done(local.temp());
        settled(local);
    }

    private LocalStagedWrite own(StagedWrite staged) {
        if (staged instanceof LocalStagedWrite local && local.replica() == this) {
            return local;
        }
        throw new IllegalStateException(staged.path() + " was not staged by " + this);
    }

    @Override
    public void delete(String path) throws IOException {
        if (RelativePath.check(path).isEmpty()) {
            throw new IllegalArgumentException("cannot delete the replica root");
        }
        Path file = resolveInside(path);
        requireReachable();
        forgetInside(file);
        Files.delete(file);
        changedDirs.add(file.getParent());
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Path dir = resolve(path);
        ensureInside(dir);
        requireReachable();
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

    /** Gives a folder created now its attributes before the call returns, i.e. before anything is copied into it. */
    @Override
    public void mkdirs(String path, ExtendedAttributes folderAttributes) throws IOException {
        Path dir = resolve(path);
        ensureInside(dir);
        boolean existed = Files.isDirectory(dir, NOFOLLOW);
        mkdirs(path);
        String refusedBy = attributes.write(dir, folderAttributes,
                existed ? NativeAttributes.Target.EXISTING : NativeAttributes.Target.NEW_FOLDER, true);
        if (refusedBy != null) {
            throw new ExtendedAttributesUnsupportedException(dir.toString(), refusedBy);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (RelativePath.check(from).isEmpty() || RelativePath.check(to).isEmpty()) {
            throw new IllegalArgumentException("cannot rename the replica root");
        }
        Path source = resolveInside(from);
        requireReachable();
        Path target = resolveInside(to);
        BasicFileAttributes attributes = readAttributes(source);
        if (attributes.isDirectory()) {
            forgetInside(source);
            moveUnlessTaken(source, target);
        } else {
            // A new link fails if the name is taken, so nothing is ever replaced; where the file
            // system has no hard links (FAT, exFAT), the name is checked just before the rename.
            try {
                Files.createLink(target, source);
                Files.delete(source);
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                LOG.debug("Hard link {} failed ({}); renaming instead", target, e.getMessage());
                moveUnlessTaken(source, target);
            }
        }
        changedDirs.add(source.getParent());
        changedDirs.add(target.getParent());
    }

    private static void moveUnlessTaken(Path source, Path target) throws IOException {
        if (Files.exists(target, NOFOLLOW)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void setAttributes(String path, long mtimeMillis, int mode) throws IOException {
        Path file = resolveInside(path);
        requireReachable();
        boolean link = readAttributes(file).isSymbolicLink();
        if (!link && mode != FileEntry.UNKNOWN_MODE && capabilities.posixPermissions()) {
            Files.setPosixFilePermissions(file, PosixModes.toPermissions(mode));
        }
        Files.getFileAttributeView(file, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.fromMillis(mtimeMillis), null, null);
    }

    /** Reads them as {@link NativeAttributes} of this platform do; see {@link LinuxAttributes} for what is kept. */
    @Override
    public ExtendedAttributes readExtendedAttributes(String path) throws IOException {
        return attributes.read(resolveInside(path));
    }

    @Override
    public void setExtendedAttributes(String path, ExtendedAttributes wanted) throws IOException {
        Path file = resolveInside(path);
        BasicFileAttributes existing = readAttributes(file);
        if (existing.isSymbolicLink()) {
            throw new FileSystemException(file.toString(), null, "is a symbolic link; its attributes are not changed");
        }
        String refusedBy = attributes.write(file, wanted, NativeAttributes.Target.EXISTING, existing.isDirectory());
        if (refusedBy != null) {
            throw new ExtendedAttributesUnsupportedException(file.toString(), refusedBy);
        }
    }

    /**
     * Makes the changed folders durable: with one {@code syncfs} per file system where available
     * and little of other programs' data waits to be written (see {@link FileSystemSync}), else
     * with an {@code fsync} of each folder.
     */
    @Override
    public void flush() throws IOException {
        if (changedDirs.isEmpty()) {
            return;
        }
        if (FileSystemSync.available() && !othersWaiting()) {
            Set<Path> dirs = Set.copyOf(changedDirs);
            syncFileSystems(List.copyOf(dirs));
            changedDirs.removeAll(dirs);
            return;
        }
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

    /**
     * Refuses a path that resolves, through symbolic links, outside the root. Missing tails are
     * allowed. A folder found inside is remembered for the life of this instance (one run), so
     * the check costs a set lookup per operation instead of resolving every segment again; this
     * instance forgets a folder when it renames or deletes it. A folder that another process
     * replaces by a symbolic link during the run is therefore not noticed again; the scan that
     * precedes every run does notice it, and such a swap races with any check made before an
     * operation anyway.
     */
    private void ensureInside(Path path) throws IOException {
        if (insideFolders.contains(path)) {
            return;
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing, NOFOLLOW)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new UnsafePathException(path + " lies outside the replica root " + root
                    + " (through a symbolic link); refused");
        }
        if (existing == path && Files.isDirectory(path, NOFOLLOW)) {
            insideFolders.add(path);
        }
    }

    /** Forgets the checked folders at and below {@code folder}, which is being renamed or deleted. */
    private void forgetInside(Path folder) {
        insideFolders.removeIf(known -> known.startsWith(folder));
    }

    /**
     * The file's attributes, or {@code null} when it does not exist. A copy asks twice whether its
     * target is still absent. The JDK answers without an exception only for basic attributes with
     * links followed (JDK 21-25 on Unix); here, without following links, a missing file still costs
     * a {@code NoSuchFileException} inside the provider: 3.5-5.5 µs each against ~1.7 µs for a
     * {@code faccessat} through JNA (a microbenchmark on this project's test machine), ~0.15 s of
     * CPU per 20,000 new files.
     */
    private BasicFileAttributes readAttributesIfExists(Path file) throws IOException {
        Class<? extends BasicFileAttributes> type = capabilities.posixPermissions() ? PosixFileAttributes.class
                : BasicFileAttributes.class;
        return file.getFileSystem().provider().readAttributesIfExists(file, type, NOFOLLOW);
    }

    private BasicFileAttributes readAttributes(Path file) throws IOException {
        if (capabilities.posixPermissions()) {
            return Files.readAttributes(file, PosixFileAttributes.class, NOFOLLOW);
        }
        return Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
    }

    /**
     * The entry for one listed child. A child folder of a folder known to lie inside the root is
     * inside too when it is a real folder (not followed through a link): it is remembered, so that
     * listing it later costs no {@code toRealPath}.
     */
    private FileEntry childEntry(String dir, Path child, boolean parentInside) {
        String name = child.getFileName().toString();
        switch (TempFiles.classify(child)) {
            case LEFT_OVER -> {
                // Also this process's own temporary file that was renamed into place or deleted
                // (and so no longer counted as written) after the folder was read: gone by now,
                // which the check tells without the exception a deletion of nothing costs.
                if (Files.exists(child, NOFOLLOW) && deleteTemp(child)) {
                    LOG.info("Removed {}, left over by an interrupted write", child);
                }
                return null;
            }
            case IN_USE -> {
                return null;
            }
            case NOT_TEMPORARY -> {
                // an entry like any other
            }
        }
        String path = RelativePath.child(dir, name);
        if (name.indexOf('\uFFFD') >= 0 && !Files.exists(root.resolve(path), NOFOLLOW)) {
            return new FileEntry(path, EntryType.BAD_NAME, 0, 0, FileEntry.UNKNOWN_MODE, null);
        }
        try {
            FileEntry entry = capabilities.owners() ? entryWithOwner(path, child) : entryOf(path, child, readAttributes(child));
            if (parentInside && entry.type() == EntryType.DIRECTORY) {
                insideFolders.add(child);
            }
            return entry;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws NoSuchFileException when {@code file} is a link that vanished since its attributes were read */
    static FileEntry entryOf(String path, Path file, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            return linkEntry(path, file, attributes.lastModifiedTime().toMillis(), attributes.size());
        }
        EntryType type = attributes.isRegularFile() ? EntryType.FILE
                : attributes.isDirectory() ? EntryType.DIRECTORY
                : EntryType.OTHER;
        int mode = attributes instanceof PosixFileAttributes posix
                ? PosixModes.toMode(posix.permissions()) : FileEntry.UNKNOWN_MODE;
        long size = type == EntryType.FILE ? attributes.size() : 0;
        return new FileEntry(path, type, size, attributes.lastModifiedTime().toMillis(), mode, null);
    }

    /**
     * A link's entry, with its target's hash; without one when the target is not valid UTF-8 (Java
     * reads such bytes as U+FFFD, so the link could not be made again as it is) or cannot be read.
     */
    private static FileEntry linkEntry(String path, Path link, long mtime, long size) throws IOException {
        try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.indexOf('\uFFFD') < 0) {
                return FileEntry.link(path, target, mtime);
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            LOG.debug("Cannot read the link {}: {}", link, e.toString());
        }
        return new FileEntry(path, EntryType.SYMLINK, size, mtime, FileEntry.UNKNOWN_MODE, null);
    }

    /**
     * The entry with its owner and group, from the same single {@code lstat} as the rest (where the
     * replica compares owners: {@link ReplicaCapabilities#owners}).
     *
     * @throws NoSuchFileException when {@code file} vanished, or is a link that vanished since its attributes were read
     */
    static FileEntry entryWithOwner(String path, Path file) throws IOException {
        Map<String, Object> read = Files.readAttributes(file, "unix:mode,uid,gid,size,lastModifiedTime", NOFOLLOW);
        int mode = (Integer) read.get("mode");
        long size = (Long) read.get("size");
        long mtime = ((FileTime) read.get("lastModifiedTime")).toMillis();
        Ownership owner = new Ownership((Integer) read.get("uid"), (Integer) read.get("gid"));
        FileEntry entry = switch (mode & S_IFMT) {
            case S_IFLNK -> linkEntry(path, file, mtime, size);
            case S_IFREG -> new FileEntry(path, EntryType.FILE, size, mtime, mode & 0777, null);
            case S_IFDIR -> new FileEntry(path, EntryType.DIRECTORY, 0, mtime, mode & 0777, null);
            default -> new FileEntry(path, EntryType.OTHER, 0, mtime, mode & 0777, null);
        };
        return entry.withOwner(owner);
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

    /** Deletes a temporary file; whether it was there to delete. */
    private static boolean deleteTemp(Path temp) {
        try {
            return Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not remove temporary file {}: {}", temp, e.getMessage());
            return false;
        }
    }

    private static void closeQuietly(DirectoryStream<Path> stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("Closing a directory listing failed: {}", e.getMessage());
        }
    }

    /**
     * The name of the machine this process runs on, as people know it: from the environment
     * ({@code HOSTNAME}, {@code COMPUTERNAME}), else the kernel's (Linux, without asking a name
     * server: a lookup can take seconds where the network is misconfigured), else from the network
     * configuration, else {@code localhost}. Names local replicas (conflict copies) and holders of
     * run locks.
     */
    public static String localMachineName() {
        return machineName(System.getenv(), Path.of("/proc/sys/kernel/hostname"));
    }

    static String machineName(Map<String, String> environment, Path kernelHostName) {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            String kernel = Files.readString(kernelHostName).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException e) {
            // not Linux, or no procfs: ask the network configuration
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
