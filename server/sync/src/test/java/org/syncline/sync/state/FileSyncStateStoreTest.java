package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.replica.EntryType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot plus checksummed journal: only changes are written, and every save is atomic. */
class FileSyncStateStoreTest {

    private static final String JOB = "job one";

    @TempDir
    Path dir;

    private static SyncState tree(int files, long mtime) {
        SyncState state = new SyncState();
        for (String replica : new String[] {"file:///a/", "file:///b\ttab/"}) {
            state.put(replica, "dir", new ReplicaState(EntryType.DIRECTORY, 0, 1, null));
            for (int i = 0; i < files; i++) {
                state.put(replica, "dir/f\u00e9-" + i + (i % 7 == 0 ? "\nnl" : ""),
                        new ReplicaState(EntryType.FILE, i, mtime + i, i % 2 == 0 ? null : "00ff" + i));
            }
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
        SyncState next = copy(base);
        for (int i = from; i < from + count; i++) {
            next.put("file:///a/", "dir/new-" + i, new ReplicaState(EntryType.FILE, 10, 99, "abc"));
            next.put("file:///b\ttab/", "dir/f\u00e9-" + (i + 1), null);
        }
        return next;
    }

    /** A deep copy, since states are mutable. */
    private static SyncState copy(SyncState state) {
        SyncState copy = new SyncState();
        for (String replica : state.replicaIds()) {
            state.entries(replica).forEach((path, value) -> copy.put(replica, path, value));
        }
        return copy;
    }

    @Test
    void roundTripsAndWritesNothingWhenNothingChanged() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState state = tree(200, 1000);
        store.save(JOB, state);
        Path snapshot = store.fileOf(JOB);
        long modified = Files.getLastModifiedTime(snapshot).toMillis();
        byte[] before = Files.readAllBytes(snapshot);

        FileSyncStateStore next = new FileSyncStateStore(dir);
        SyncState loaded = next.load(JOB);
        assertEquals(contents(state), contents(loaded));
        next.save(JOB, loaded);

        assertFalse(Files.exists(store.journalOf(JOB)), "no journal for an unchanged state");
        assertEquals(modified, Files.getLastModifiedTime(snapshot).toMillis());
        assertTrue(Arrays.equals(before, Files.readAllBytes(snapshot)));
    }

    @Test
    void savesChangesToTheJournalOnly() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        SyncState state = tree(200, 1000);
        store.save(JOB, state);
        byte[] snapshot = Files.readAllBytes(store.fileOf(JOB));

        SyncState next = changed(store.load(JOB), 0, 5);
        store.save(JOB, next);
        SyncState third = changed(next, 5, 5);
        store.save(JOB, third);

        assertTrue(Arrays.equals(snapshot, Files.readAllBytes(store.fileOf(JOB))), "snapshot untouched");
        assertTrue(Files.size(store.journalOf(JOB)) < snapshot.length / 4);
        assertEquals(contents(third), contents(new FileSyncStateStore(dir).load(JOB)));
    }

    @Test
    void aCrashAnywhereInAnAppendLeavesTheOldStateAndTheNextSaveRepairsTheJournal() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        store.save(JOB, tree(200, 1000));
        SyncState first = changed(store.load(JOB), 0, 5);
        store.save(JOB, first);
        long committed = Files.size(store.journalOf(JOB));
        SyncState second = changed(first, 5, 5);
        store.save(JOB, second);
        byte[] full = Files.readAllBytes(store.journalOf(JOB));

        for (int cut = (int) committed; cut < full.length; cut++) {
            Files.write(store.journalOf(JOB), Arrays.copyOf(full, cut));
            FileSyncStateStore afterCrash = new FileSyncStateStore(dir);
            assertEquals(contents(first), contents(afterCrash.load(JOB)), "cut at byte " + cut);
        }
        // A damaged byte inside the last commit is caught by its checksum.
        byte[] damaged = full.clone();
        damaged[full.length - 20] ^= 1;
        Files.write(store.journalOf(JOB), damaged);
        FileSyncStateStore afterCrash = new FileSyncStateStore(dir);
        assertEquals(contents(first), contents(afterCrash.load(JOB)));

        SyncState third = changed(first, 20, 3);
        afterCrash.save(JOB, third);
        assertEquals(contents(third), contents(new FileSyncStateStore(dir).load(JOB)));
    }

    @Test
    void compactsIntoANewSnapshotAndACrashBeforeTheJournalIsGoneChangesNothing() throws IOException {
        FileSyncStateStore store = new FileSyncStateStore(dir);
        store.save(JOB, tree(100, 1000));
        SyncState state = store.load(JOB);
        for (int round = 0; round < 10; round++) {
            state = changed(state, round * 10, 10);
            store.save(JOB, state);
            Path journal = store.journalOf(JOB);
            if (Files.exists(journal)) {
                Files.copy(journal, dir.resolve("journal.copy"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertTrue(Files.exists(dir.resolve("journal.copy")), "some rounds were journaled");
        assertFalse(Files.exists(store.journalOf(JOB)) && Files.size(store.journalOf(JOB)) > Files.size(store.fileOf(JOB)),
                "the journal stays smaller than the snapshot");
        assertEquals(contents(state), contents(new FileSyncStateStore(dir).load(JOB)));

        // Force a compaction, then put the old journal back as if the crash came before its deletion.
        SyncState big = changed(state, 500, 150);
        store.save(JOB, big);
        assertFalse(Files.exists(store.journalOf(JOB)), "compaction removes the journal");
        Files.copy(dir.resolve("journal.copy"), store.journalOf(JOB));
        assertEquals(contents(big), contents(new FileSyncStateStore(dir).load(JOB)));
    }

    @Test
    void aStoreThatDidNotLoadWritesAWholeSnapshot() throws IOException {
        new FileSyncStateStore(dir).save(JOB, tree(100, 1000));
        SyncState other = tree(80, 5000);
        new FileSyncStateStore(dir).save(JOB, other);
        assertEquals(contents(other), contents(new FileSyncStateStore(dir).load(JOB)));
    }
}
