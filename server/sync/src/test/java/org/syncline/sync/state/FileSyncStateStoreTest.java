package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.RelativePath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sorted snapshot plus checksummed journal: only changes are written, and every save is atomic. */
class FileSyncStateStoreTest {

    private static final String JOB = "job one";
    private static final String A = "file:///a/";
    private static final String B = "file:///b\ttab/";
    private static final List<String> REPLICAS = List.of(A, B);

    @TempDir
    Path dir;

    private static SyncState tree(int files, long mtime) {
        SyncState state = new SyncState();
        for (String replica : REPLICAS) {
            state.put(replica, "dir", new ReplicaState(EntryType.DIRECTORY, 0, 1, null));
            for (int i = 0; i < files; i++) {
                state.put(replica, "dir/f\u00e9-" + i + (i % 7 == 0 ? "\nnl" : ""),
                        new ReplicaState(EntryType.FILE, i, mtime + i, i % 2 == 0 ? null : "00ff" + i));
            }
            state.put(replica, "dir.txt", new ReplicaState(EntryType.FILE, 3, mtime, null));
            state.put(replica, "dir/link", new ReplicaState(EntryType.SYMLINK, 9, mtime, "0a1b2c3d4e5f6a7b"));
            state.put(replica, "dir-b/x", new ReplicaState(EntryType.FILE, 4, mtime, null));
        }
        return state;
    }

    private static Map<String, Map<String, ReplicaState>> contents(SyncState state) {
        Map<String, Map<String, ReplicaState>> all = new HashMap<>();
        for (String replica : state.replicaIds()) {
            if (!state.entries(replica).isEmpty()) {
                all.put(replica, new HashMap<>(state.entries(replica)));
            }
        }
        return all;
    }

    private static SyncState changed(SyncState base, int from, int count) {
        SyncState next = base.copy();
        for (int i = from; i < from + count; i++) {
            next.put(A, "dir/new-" + i, new ReplicaState(EntryType.FILE, 10, 99, "abc"));
            next.put(B, "dir/f\u00e9-" + (i + 1), null);
        }
        return next;
    }

    /** What a run that found {@code from} and left {@code to} hands the store. */
    private static StateChanges diff(SyncState from, SyncState to) {
        TreeSet<String> paths = new TreeSet<>(RelativePath.ORDER);
        for (String replica : REPLICAS) {
            paths.addAll(from.entries(replica).keySet());
            paths.addAll(to.entries(replica).keySet());
        }
        StateChanges changes = new StateChanges(REPLICAS.size());
        for (String path : paths) {
            ReplicaState[] before = new ReplicaState[REPLICAS.size()];
            ReplicaState[] after = new ReplicaState[REPLICAS.size()];
            for (int i = 0; i < REPLICAS.size(); i++) {
                before[i] = from.get(REPLICAS.get(i), path);
                after[i] = to.get(REPLICAS.get(i), path);
            }
            changes.add(path, before, after);
        }
        return changes;
    }

    private static void save(FileSyncStateStore store, SyncState from, SyncState to) throws IOException {
        try (StateChanges changes = diff(from, to)) {
            store.save(JOB, REPLICAS, changes);
        }
    }

    /** Reads the whole state, checking that rows come in path order. */
    private static SyncState load(FileSyncStateStore store, List<String> replicas) throws IOException {
        SyncState state = new SyncState();
        try (SavedState rows = store.read(JOB, replicas)) {
            String previous = null;
            while (rows.hasNext()) {
                StateRow row = rows.next();
                assertTrue(previous == null || RelativePath.compare(previous, row.path()) < 0,
                        row.path() + " after " + previous);
                assertFalse(row.isEmpty());
                previous = row.path();
                for (int i = 0; i < replicas.size(); i++) {
                    state.put(replicas.get(i), row.path(), row.state(i));
                }
            }
        }
        return state;
    }

    private static SyncState load(FileSyncStateStore store) throws IOException {
        return load(store, REPLICAS);
    }

    @Test
    void roundTripsInPathOrderAndWritesNothingWhenNothingChanged() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState state = tree(200, 1000);
        save(store, load(store), state);
        Path snapshot = store.fileOf(JOB);
        long modified = Files.getLastModifiedTime(snapshot).toMillis();
        byte[] before = Files.readAllBytes(snapshot);

        FileSyncStateStore next = new FileSyncStateStore(dir);
        SyncState loaded = load(next);
        assertEquals(contents(state), contents(loaded));
        save(next, loaded, loaded);

        assertFalse(Files.exists(store.journalOf(JOB)), "no journal for an unchanged state");
        assertEquals(modified, Files.getLastModifiedTime(snapshot).toMillis());
        assertTrue(Arrays.equals(before, Files.readAllBytes(snapshot)));
    }

    @Test
    void savesChangesToTheJournalOnly() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState state = tree(200, 1000);
        save(store, load(store), state);
        byte[] snapshot = Files.readAllBytes(store.fileOf(JOB));

        SyncState next = changed(load(store), 0, 5);
        save(store, state, next);
        SyncState third = changed(next, 5, 5);
        save(store, next, third);

        assertTrue(Arrays.equals(snapshot, Files.readAllBytes(store.fileOf(JOB))), "snapshot untouched");
        assertTrue(Files.size(store.journalOf(JOB)) < snapshot.length / 4);
        assertEquals(contents(third), contents(load(new FileSyncStateStore(dir))));
    }

    @Test
    void aCrashAnywhereInAnAppendLeavesTheOldStateAndTheNextSaveRepairsTheJournal() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState base = tree(200, 1000);
        save(store, load(store), base);
        SyncState first = changed(load(store), 0, 5);
        save(store, base, first);
        long committed = Files.size(store.journalOf(JOB));
        SyncState second = changed(first, 5, 5);
        save(store, first, second);
        byte[] full = Files.readAllBytes(store.journalOf(JOB));

        for (int cut = (int) committed; cut < full.length; cut++) {
            Files.write(store.journalOf(JOB), Arrays.copyOf(full, cut));
            FileSyncStateStore afterCrash = new FileSyncStateStore(dir);
            assertEquals(contents(first), contents(load(afterCrash)), "cut at byte " + cut);
        }
        // A damaged byte inside the last commit is caught by its checksum.
        byte[] damaged = full.clone();
        damaged[full.length - 20] ^= 1;
        Files.write(store.journalOf(JOB), damaged);
        FileSyncStateStore afterCrash = new FileSyncStateStore(dir);
        assertEquals(contents(first), contents(load(afterCrash)));

        SyncState third = changed(first, 20, 3);
        save(afterCrash, first, third);
        assertEquals(contents(third), contents(load(new FileSyncStateStore(dir))));
    }

    @Test
    void compactsIntoANewSnapshotAndACrashBeforeTheJournalIsGoneChangesNothing() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState state = tree(100, 1000);
        save(store, load(store), state);
        for (int round = 0; round < 10; round++) {
            SyncState next = changed(load(store), round * 10, 10);
            save(store, state, next);
            state = next;
            Path journal = store.journalOf(JOB);
            if (Files.exists(journal)) {
                Files.copy(journal, dir.resolve("journal.copy"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertTrue(Files.exists(dir.resolve("journal.copy")), "some rounds were journaled");
        assertFalse(Files.exists(store.journalOf(JOB)) && Files.size(store.journalOf(JOB)) > Files.size(store.fileOf(JOB)),
                "the journal stays smaller than the snapshot");
        assertEquals(contents(state), contents(load(new FileSyncStateStore(dir))));

        // Force a compaction, then put the old journal back as if the crash came before its deletion.
        SyncState big = changed(load(store), 500, 150);
        save(store, state, big);
        assertFalse(Files.exists(store.journalOf(JOB)), "compaction removes the journal");
        Files.copy(dir.resolve("journal.copy"), store.journalOf(JOB));
        assertEquals(contents(big), contents(load(new FileSyncStateStore(dir))));
    }

    @Test
    void aStoreThatDidNotReadTheStateWritesAWholeSnapshotOfItWithTheChanges() throws IOException {
        SyncState first = tree(100, 1000);
        FileSyncStateStore store = new FileSyncStateStore(dir);
        save(store, load(store), first);
        SyncState other = tree(80, 5000);
        save(new FileSyncStateStore(dir), first, other);
        assertFalse(Files.exists(store.journalOf(JOB)));
        assertEquals(contents(other), contents(load(new FileSyncStateStore(dir))));
    }

    @Test
    void replicasAreMatchedByIdAndOnesNoLongerInTheJobAreDroppedAtTheNextSave() throws IOException {
        String c = "file:///c/";
        FileSyncStateStore store = new FileSyncStateStore(dir);
        save(store, load(store), tree(100, 1000));

        SyncState seen = load(store, List.of(B, c));
        assertNull(seen.get(A, "dir"), "replica a is not part of the job any more");
        assertEquals(contents(tree(100, 1000)).get(B), seen.entries(B));
        assertTrue(seen.entries(c).isEmpty());

        SyncState next = seen.copy();
        next.put(c, "dir", new ReplicaState(EntryType.DIRECTORY, 0, 7, null));
        try (StateChanges changes = new StateChanges(2)) {
            changes.add("dir", new ReplicaState[] {seen.get(B, "dir"), null},
                    new ReplicaState[] {seen.get(B, "dir"), next.get(c, "dir")});
            store.save(JOB, List.of(B, c), changes);
        }
        assertEquals(contents(next), contents(load(new FileSyncStateStore(dir), List.of(A, B, c))));
    }

    @Test
    void aStateOfTheFirstFormatIsReadAndReplacedAtTheNextSave() throws IOException {
        Path folder = Files.createDirectories(dir.resolve(".syncline"));
        String put = "P\t" + A + "\tF\t5\t50\t-\tlater.txt";
        String remove = "R\t" + A + "\tgone.txt";
        Files.writeString(folder.resolve("job_one.state"), "syncline-state 1 77\n"
                + A + "\tD\t0\t1\t-\tdocs\n" + A + "\tF\t3\t30\tab12\tdocs/a.txt\n" + A + "\tF\t1\t10\t-\tgone.txt\n"
                + "file:///b\\ttab/\tF\t3\t30\t-\tdocs/a.txt\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("job_one.journal"), "syncline-journal 1 77\n"
                + StateLines.checked(put) + StateLines.checked(remove) + StateLines.checked("C\t2")
                + StateLines.checked(put.replace("later", "torn")), StandardCharsets.UTF_8);
        SyncState expected = new SyncState();
        expected.put(A, "docs", new ReplicaState(EntryType.DIRECTORY, 0, 1, null));
        expected.put(A, "docs/a.txt", new ReplicaState(EntryType.FILE, 3, 30, "ab12"));
        expected.put(A, "later.txt", new ReplicaState(EntryType.FILE, 5, 50, null));
        expected.put(B, "docs/a.txt", new ReplicaState(EntryType.FILE, 3, 30, null));

        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState loaded = load(store);
        assertEquals(contents(expected), contents(loaded));
        SyncState next = changed(loaded, 0, 1);
        save(store, loaded, next);

        assertTrue(Files.readString(store.fileOf(JOB)).startsWith("syncline-state 2 "));
        assertEquals(contents(next), contents(load(new FileSyncStateStore(dir))));
    }
}
