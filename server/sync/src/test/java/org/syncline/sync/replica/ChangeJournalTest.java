package org.syncline.sync.replica;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncline.sync.plan.DelegatingReplica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica with a {@link ChangeJournal} lists exactly what a fresh listing of the disk shows,
 * whatever other programs did to the tree since its last scan, and reads from the disk only what
 * changed. Real files, real inotify.
 */
@EnabledOnOs(OS.LINUX)
class ChangeJournalTest {

    @TempDir
    Path temp;

    private Path root;
    private ChangeJournals journals;
    /** Instances of {@link #journalOfItsOwn}. */
    private final List<Inotify> ownInstances = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("root")).toRealPath();
        journals = ChangeJournals.open(Duration.ofHours(1), 1_000_000);
    }

    @AfterEach
    void tearDown() {
        journals.close();
        ownInstances.forEach(Inotify::close);
    }

    @Test
    void anUnchangedTreeIsListedFromMemoryAndAChangeIsSeenAtOnce() throws IOException {
        for (int d = 0; d < 5; d++) {
            Files.createDirectories(root.resolve("d" + d + "/sub"));
            for (int f = 0; f < 10; f++) {
                Files.writeString(root.resolve("d" + d + "/sub/f" + f), "content " + f);
            }
        }
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
        ChangeJournal journal = journals.forRoot(root);
        ChangeJournal.Counts first = journal.counts();
        assertEquals(11, first.listed(), "the root, 5 folders, 5 subfolders");

        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
        ChangeJournal.Counts second = journal.counts();
        assertEquals(first.listed(), second.listed(), "nothing listed again");
        // Opening a replica probes what its file system keeps with a few files made and removed in
        // the root: the root's names are read again.
        assertEquals(1, second.refreshed() - first.refreshed());
        assertEquals(10, second.remembered() - first.remembered());

        // Written and listed at once, without waiting for anything.
        Files.writeString(root.resolve("d3/sub/f4"), "changed content", StandardOpenOption.APPEND);
        List<FileEntry> journaled = walk(journaled());
        assertEquals(walk(LocalReplica.open(root)), journaled);
        ChangeJournal.Counts third = journal.counts();
        assertEquals(second.listed(), third.listed(), "one name read again, no folder listed");
        assertEquals(2, third.refreshed() - second.refreshed(), "the root and d3/sub");
        assertEquals(9, third.remembered() - second.remembered());
    }

    @ParameterizedTest
    @ValueSource(longs = {20261201, 7, 42, 1_000_003})
    void randomChangesByOtherProgramsAreAlwaysSeen(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            mutate(random, 1 + random.nextInt(i % 5 == 0 ? 30 : 4), steps);
        }
        long remembered = 0;
        for (int round = 0; round < 60; round++) {
            int changes = round % 10 == 9 ? 40 : 1 + random.nextInt(5);
            mutate(random, changes, steps);
            // A run opens its replica anew from the same journals.
            List<FileEntry> journaled = walk(journaled());
            List<FileEntry> disk = walk(LocalReplica.open(root));
            assertEquals(disk, journaled, "round " + round + " after " + steps.subList(Math.max(0, steps.size() - changes), steps.size()));
            remembered = journals.forRoot(root).counts().remembered();
        }
        assertTrue(remembered > 0, "unchanged folders were listed from memory");
    }

    @Test
    void changesMadeWhileATreeIsListedAreSeenByTheNextListing() throws Exception {
        Random random = new Random(99);
        mutate(random, 200, new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            Random own = new Random(100);
            while (!stop.get()) {
                try {
                    mutate(own, 1, new ArrayList<>());
                } catch (IOException | UncheckedIOException e) {
                    // raced with its own earlier change (Files.walk met a deleted folder): go on
                }
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 30; i++) {
                try {
                    walk(journaled());
                } catch (IOException | UncheckedIOException e) {
                    // a folder deleted while listed: the next run lists it again
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
    }

    @Test
    void aFolderListedByAReplicaReadingLessIsListedAgainForOneReadingMore() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "1");
        ChangeJournal journal = journalOfItsOwn();
        try {
            LocalReplica replica = LocalReplica.open(root);
            ChangeJournal.Source full = replica.journalSource();
            // As a replica whose probe of the volume failed (another program removed its probe file): no modes.
            ChangeJournal.Source less = new ChangeJournal.Source() {
                @Override
                public List<FileEntry> list(String dir) throws IOException {
                    return full.list(dir).stream().map(ChangeJournalTest::withoutMode).toList();
                }

                @Override
                public FileEntry child(String dir, String name) throws IOException {
                    FileEntry entry = full.child(dir, name);
                    return entry == null ? null : withoutMode(entry);
                }

                @Override
                public Object kind() {
                    return "no modes";
                }
            };
            List<FileEntry> withoutModes = walk(journal, replica, less, new ChangeJournal.Tally(journal));
            assertEquals(FileEntry.UNKNOWN_MODE, withoutModes.getFirst().mode());

            ChangeJournal.Tally tally = new ChangeJournal.Tally(journal);
            assertEquals(walk(replica), walk(journal, replica, full, tally));
            assertEquals(3, tally.listed(), "every folder listed again");
            ChangeJournal.Tally again = new ChangeJournal.Tally(journal);
            assertEquals(walk(replica), walk(journal, replica, full, again));
            assertEquals(3, again.remembered(), "and remembered as this kind lists it");
        } finally {
            journal.close();
        }
    }

    private static FileEntry withoutMode(FileEntry entry) {
        return new FileEntry(entry.path(), entry.type(), entry.size(), entry.mtimeMillis(), FileEntry.UNKNOWN_MODE,
                entry.hash()).withOwner(entry.owner());
    }

    @Test
    void aFolderMovedElsewhereIsFollowedUnderItsNewName() throws IOException {
        Files.createDirectories(root.resolve("a/deep"));
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("a/deep/file"), "one");
        walk(journaled());
        Files.move(root.resolve("a"), root.resolve("b/moved"));
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
        // The moved folders' old watches must not hide a change made in them now.
        Files.writeString(root.resolve("b/moved/deep/file"), "two, longer");
        Files.createDirectories(root.resolve("a/deep"));
        Files.writeString(root.resolve("a/deep/file"), "three");
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
    }

    @Test
    void anOverflowOfTheKernelsQueueListsEveryFolderAgain() throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/one"), "1");
        Files.writeString(root.resolve("a/two"), "2");
        // Drained by no poller: its queue overflows (fs.inotify.max_queued_events).
        ChangeJournal journal = journalOfItsOwn();
        try {
            LocalReplica replica = LocalReplica.open(root);
            ChangeJournal.Tally before = new ChangeJournal.Tally(journal);
            walk(journal, replica, before);
            long queued = maxQueuedEvents();
            for (long i = 0; i <= queued; i++) {
                // Alternating names: the kernel merges only an event equal to the last one queued.
                Files.setLastModifiedTime(root.resolve(i % 2 == 0 ? "a/one" : "a/two"), FileTime.fromMillis(1_000_000 + i));
            }
            Files.writeString(root.resolve("a/three"), "3");
            ChangeJournal.Tally tally = new ChangeJournal.Tally(journal);
            assertEquals(walk(replica), walk(journal, replica, tally));
            assertEquals(1, journal.counts().resets());
            assertEquals(2, tally.listed(), "every folder listed again");
            assertTrue(tally.gap().orElseThrow().contains("fs.inotify.max_queued_events"), tally.gap().toString());
            assertTrue(before.gap().isPresent());
            assertTrue(new ChangeJournal.Tally(journal).gap().isEmpty(), "a later run's tally starts after the gap");
        } finally {
            journal.close();
        }
    }

    @Test
    void aReplacedRootGetsANewJournal() throws IOException {
        Files.writeString(root.resolve("old"), "x");
        walk(journaled());
        ChangeJournal first = journals.forRoot(root);
        Files.move(root, temp.resolve("elsewhere"));
        Files.createDirectories(root);
        Files.writeString(root.resolve("new"), "y");
        assertEquals(List.of("new"), walk(journaled()).stream().map(FileEntry::path).toList());
        assertNotSame(first, journals.forRoot(root));
    }

    @Test
    void foldersBeyondTheBudgetAreListedEveryTime() throws IOException {
        journals.close();
        journals = ChangeJournals.open(Duration.ofHours(1), 3);
        Files.createDirectories(root.resolve("big"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("big/f" + i), "x");
        }
        walk(journaled());
        long listed = journals.forRoot(root).counts().listed();
        Files.writeString(root.resolve("big/f9"), "new");
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
        assertEquals(listed + 1, journals.forRoot(root).counts().listed(), "the big folder is listed again");
        assertTrue(journals.entries() <= 3);
        assertEquals(1, journals.entries(), "the root's one entry");
        journals.close();
        assertEquals(0, journals.entries(), "a closed journal holds nothing");
    }

    @Test
    void everyFolderIsListedAgainOnceItsRescanIsDue() throws IOException {
        journals.close();
        journals = ChangeJournals.open(Duration.ZERO, 1_000_000);
        Files.createDirectories(root.resolve("a"));
        walk(journaled());
        long listed = journals.forRoot(root).counts().listed();
        walk(journaled());
        assertEquals(listed + 2, journals.forRoot(root).counts().listed());
    }

    @Test
    void theJournalsOfManyTreesShareOneInotifyInstance() throws IOException {
        long before = inotifyInstances();
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path tree = Files.createDirectories(temp.resolve("tree" + i + "/sub")).getParent().toRealPath();
            Files.writeString(tree.resolve("sub/file"), "x");
            roots.add(tree);
            walk(LocalReplica.open(tree, journals));
        }
        assertEquals(before + 1, inotifyInstances(), "one instance for 20 trees (fs.inotify.max_user_instances is 128 by default)");
        assertEquals(40, kernelWatches(journals.inotify()), "each tree's two folders");
        Files.writeString(roots.get(7).resolve("sub/file"), "changed");
        long listed = journals.forRoot(roots.get(7)).counts().listed();
        for (Path tree : roots) {
            assertEquals(walk(LocalReplica.open(tree)), walk(LocalReplica.open(tree, journals)));
        }
        assertEquals(listed, journals.forRoot(roots.get(7)).counts().listed(), "the change was reported: no folder listed in full");
        journals.close();
        assertEquals(before, inotifyInstances());
    }

    @Test
    void aFolderOfTwoJournalsStaysWatchedForOneWhenTheOtherLetsItGo() throws IOException {
        Files.createDirectories(root.resolve("inner/deep"));
        Files.writeString(root.resolve("inner/deep/file"), "1");
        Path inner = root.resolve("inner").toRealPath();
        walk(journaled());
        walk(LocalReplica.open(inner, journals));
        Inotify inotify = journals.inotify();
        assertEquals(3, kernelWatches(inotify), "root, and inner and inner/deep for both journals");
        assertEquals(3, inotify.watches());

        journals.forRoot(root).close();
        assertEquals(2, kernelWatches(inotify), "inner and inner/deep stay for the inner tree's journal");
        Files.writeString(inner.resolve("deep/file"), "changed, longer");
        Files.writeString(inner.resolve("deep/new"), "new");
        long listed = journals.forRoot(inner).counts().listed();
        assertEquals(walk(LocalReplica.open(inner)), walk(LocalReplica.open(inner, journals)));
        assertEquals(listed, journals.forRoot(inner).counts().listed(), "the changes were reported: no folder listed in full");

        journals.forRoot(inner).close();
        assertEquals(0, kernelWatches(inotify));
        assertEquals(0, inotify.watches());
    }

    @Test
    void twoJournalsOfOneTreeListingWhileItChangesBothEndAsTheDisk() throws Exception {
        Random random = new Random(7);
        mutate(random, 150, new ArrayList<>());
        walk(journaled());
        // A second journal of the same folders on the shared instance: every watch is used by both.
        ChangeJournal second = ChangeJournal.open(root, journals.inotify(), Duration.ofHours(1).toNanos(), new AtomicLong(),
                1_000_000);
        LocalReplica plain = LocalReplica.open(root);
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            Random own = new Random(8);
            while (!stop.get()) {
                try {
                    mutate(own, 1, new ArrayList<>());
                } catch (IOException | UncheckedIOException e) {
                    // raced with its own earlier change: go on
                }
            }
        }));
        for (int t = 0; t < 2; t++) {
            boolean first = t == 0;
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (first) {
                            walk(journaled());
                        } else {
                            walk(second, plain, new ChangeJournal.Tally(second));
                        }
                    } catch (IOException | UncheckedIOException e) {
                        // a folder deleted while listed
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(3000);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
            assertFalse(thread.isAlive(), "no thread is stuck (locks taken in one order)");
        }
        assertEquals(List.of(), failures);
        List<FileEntry> disk = walk(LocalReplica.open(root));
        assertEquals(disk, walk(journaled()));
        assertEquals(disk, walk(second, plain, new ChangeJournal.Tally(second)));
        second.close();
        assertEquals(disk, walk(journaled()), "the other journal keeps its watches");
        Files.writeString(root.resolve("after"), "x");
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
    }

    @Test
    void aJournalNoRunAsksForIsClosedAndGivesBackItsWatches() throws Exception {
        journals.close();
        journals = ChangeJournals.open(Duration.ofHours(1), Duration.ofMillis(1500), 1_000_000);
        Path other = Files.createDirectories(temp.resolve("other/sub")).getParent().toRealPath();
        Files.createDirectories(root.resolve("a/b"));
        walk(journaled());
        walk(LocalReplica.open(other, journals));
        ChangeJournal idle = journals.forRoot(root);
        ChangeJournal busy = journals.forRoot(other);
        assertEquals(5, kernelWatches(journals.inotify()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (idle.isOpen() && System.nanoTime() < deadline) {
            walk(LocalReplica.open(other, journals));
            Thread.sleep(100);
        }
        assertFalse(idle.isOpen(), "closed once unused for the idle limit");
        assertTrue(busy.isOpen(), "the journal runs ask for is kept");
        assertEquals(2, kernelWatches(journals.inotify()), "only the used tree's folders are watched");
        assertEquals(1, journals.entries(), "the used tree's one entry");
        ChangeJournal again = journals.forRoot(root);
        assertNotSame(idle, again);
        assertEquals(walk(LocalReplica.open(root)), walk(journaled()));
    }

    @Test
    void journalsTurnedOffScanInFullAndStartNoThread() {
        java.util.Set<Thread> before = pollers();
        System.setProperty("syncline.journal.disabled", "true");
        ChangeJournals off;
        try {
            off = ChangeJournals.open(Duration.ofHours(1), 1_000_000);
        } finally {
            System.clearProperty("syncline.journal.disabled");
        }
        try {
            java.util.Set<Thread> started = pollers();
            started.removeAll(before);
            assertEquals(java.util.Set.of(), started, "no poller for journals that are never kept");
            assertNull(off.forRoot(root));
            assertEquals(new ChangeJournals.Status(0, 0, 0, 0, "syncline.journal.disabled is set"), off.status());
        } finally {
            off.close();
        }
    }

    /** The change journals' poller threads alive now. */
    private static java.util.Set<Thread> pollers() {
        java.util.Set<Thread> threads = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> !thread.getName().equals("syncline-change-journals"));
        return threads;
    }

    @Test
    void fileSystemsOtherMachinesChangeAreNotJournaled() {
        assertNull(journals.forRoot(Path.of("/proc")), "not a local disk's file system");
        assertNotNull(journals.forRoot(root));
    }

    /** {@code fs.inotify.max_queued_events} (a sysctl file reports no size, so it is read as a stream). */
    private static long maxQueuedEvents() throws IOException {
        try (var in = Files.newInputStream(Path.of("/proc/sys/fs/inotify/max_queued_events"))) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        }
    }

    /** A journal of the root outside {@link #journals}, on an inotify instance of its own: no poller drains it, no budget is shared. */
    private ChangeJournal journalOfItsOwn() throws IOException {
        Inotify inotify = Inotify.open(Libc.INSTANCE);
        ownInstances.add(inotify);
        return ChangeJournal.open(root, inotify, Duration.ofHours(1).toNanos(), new AtomicLong(), 1_000_000);
    }

    /** The inotify instances this process has open (Linux: descriptors of the kind {@code anon_inode:inotify}). */
    private static long inotifyInstances() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify");
                } catch (IOException e) {
                    return false; // the descriptor of this very listing, closed meanwhile
                }
            }).count();
        }
    }

    /** The kernel's watches on an instance ({@code /proc/self/fdinfo}: one {@code inotify wd:} line each). */
    private static long kernelWatches(Inotify inotify) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/fdinfo/" + inotify.descriptor()))) {
            return lines.filter(line -> line.startsWith("inotify wd:")).count();
        }
    }

    private LocalReplica journaled() throws IOException {
        return LocalReplica.open(root, journals);
    }

    /** Every entry of the tree, folders before their content, through the replica's listings. */
    private static List<FileEntry> walk(Replica replica) throws IOException {
        List<FileEntry> all = new ArrayList<>();
        walk(replica, "", all);
        return all;
    }

    private static List<FileEntry> walk(ChangeJournal journal, LocalReplica replica, ChangeJournal.Tally tally)
            throws IOException {
        return walk(journal, replica, replica.journalSource(), tally);
    }

    private static List<FileEntry> walk(ChangeJournal journal, LocalReplica replica, ChangeJournal.Source source,
                                        ChangeJournal.Tally tally) throws IOException {
        List<FileEntry> all = new ArrayList<>();
        walk(new DelegatingReplica(replica) {
            @Override
            public Stream<FileEntry> list(String dir) throws IOException {
                return journal.list(dir, source, tally).stream();
            }
        }, "", all);
        return all;
    }

    private static void walk(Replica replica, String dir, List<FileEntry> all) throws IOException {
        List<FileEntry> children;
        try (Stream<FileEntry> listed = replica.list(dir)) {
            children = listed.sorted(Comparator.comparing(FileEntry::path)).toList();
        }
        for (FileEntry child : children) {
            all.add(child);
            if (child.type() == EntryType.DIRECTORY) {
                walk(replica, child.path(), all);
            }
        }
    }

    /** {@code count} changes such as other programs make: files and folders created, changed, moved, deleted. */
    private void mutate(Random random, int count, List<String> steps) throws IOException {
        for (int i = 0; i < count; i++) {
            List<Path> folders = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            try (Stream<Path> tree = Files.walk(root)) {
                tree.forEach(path -> (Files.isDirectory(path) ? folders : files).add(path));
            }
            Path folder = folders.get(random.nextInt(folders.size()));
            Path file = files.isEmpty() ? null : files.get(random.nextInt(files.size()));
            Path other = folders.get(random.nextInt(folders.size()));
            String name = "n" + random.nextInt(30);
            int op = random.nextInt(12);
            steps.add(op + " " + root.relativize(folder) + " " + (file == null ? "-" : root.relativize(file)) + " "
                    + root.relativize(other) + " " + name);
            try {
                switch (op) {
                    case 0, 1 -> Files.writeString(folder.resolve(name), "new " + random.nextInt());
                    case 2 -> Files.createDirectories(folder.resolve(name));
                    case 3 -> {
                        if (file != null) {
                            Files.writeString(file, "more", StandardOpenOption.APPEND);
                        }
                    }
                    case 4 -> {
                        if (file != null) {
                            Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + random.nextInt(1_000_000)));
                        }
                    }
                    case 5 -> {
                        if (file != null) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                                    random.nextBoolean() ? "rw-r-----" : "rw-rw-r--"));
                        }
                    }
                    case 6 -> {
                        if (file != null) {
                            Files.delete(file);
                        }
                    }
                    case 7 -> {
                        if (file != null) {
                            Files.move(file, other.resolve(name));
                        }
                    }
                    case 8 -> {
                        if (!folder.equals(root) && !other.startsWith(folder)) {
                            Files.move(folder, other.resolve(name));
                        }
                    }
                    case 9 -> {
                        if (!folder.equals(root)) {
                            try (Stream<Path> tree = Files.walk(folder)) {
                                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                                    Files.delete(path);
                                }
                            }
                        }
                    }
                    case 10 -> {
                        if (file != null) {
                            // A file replaced by a folder of the same name.
                            Files.delete(file);
                            Files.createDirectory(file);
                            Files.writeString(file.resolve("inside"), "x");
                        }
                    }
                    default -> {
                        if (!folder.equals(root)) {
                            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(
                                    random.nextBoolean() ? "rwxr-x---" : "rwxr-xr-x"));
                            Files.setLastModifiedTime(folder, FileTime.fromMillis(1_600_000_000_000L + random.nextInt(1_000_000)));
                        }
                    }
                }
            } catch (FileSystemException e) {
                // a name already taken: that change is not made
            }
        }
    }
}
