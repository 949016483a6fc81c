package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.FileActionKind;
import org.syncline.model.FileActionOutcome;
import org.syncline.model.Run;
import org.syncline.model.RunOutcome;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.Databases;
import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.ReplicaCapabilities;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.StateChanges;
import org.syncline.sync.state.StateRow;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.sync.state.SyncState;
import org.syncline.sync.state.SyncStateStore;

/**
 * The database adapter of the sync ports, run against each database by a subclass. The
 * persistence layer is used as outside OSGi, with no context class loader set.
 */
abstract class StoreContract {

    private static final List<String> IDS = List.of("replica-a", "replica-b");

    @TempDir
    Path folder;

    /** A profile of a new, empty database. */
    abstract DatabaseProfile newDatabase() throws Exception;

    private SynclineDatabase open() throws Exception {
        return Databases.open(newDatabase());
    }

    @AfterEach
    void closeDatabases() {
        Databases.closeOpened();
    }

    private SyncJob job(Rule rule, Path... paths) {
        return new SyncJob("contract-" + rule, List.of(paths).stream().map(Path::toString).toList(), rule, Filter.of("", "", false),
                SyncOptions.defaults());
    }

    @Test
    void stateIsSavedPerPathAndReplacedByTheNextSave() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, IDS);
        assertTrue(read(storage, job).isEmpty());

        SyncState state = new SyncState();
        state.put("replica-a", "docs", new ReplicaState(EntryType.DIRECTORY, 0, 1_700_000_000_000L, null));
        state.put("replica-a", "docs/report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, "abc123"));
        state.put("replica-b", "docs/report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, "abc123"));
        state.put("replica-b", "old.txt", new ReplicaState(EntryType.FILE, 7, 1_600_000_000_000L, null));
        state.put("replica-b", "docs/current", new ReplicaState(EntryType.SYMLINK, 10, 1_700_000_000_456L, "0a1b2c3d4e5f6a7b"));
        save(storage, job, new SyncState(), state);

        DatabaseJobStorage again = new DatabaseJobCatalog(database).save(job, IDS);
        assertEquals(storage.job().getId(), again.job().getId(), "the job row is found by name, not created twice");
        SyncState loaded = read(again, job);
        assertEquals(state.entries("replica-a"), loaded.entries("replica-a"));
        assertEquals(state.entries("replica-b"), loaded.entries("replica-b"));

        SyncState next = new SyncState();
        next.put("replica-a", "docs", new ReplicaState(EntryType.DIRECTORY, 0, 1_700_000_000_000L, null));
        next.put("replica-a", "docs/report.txt", new ReplicaState(EntryType.FILE, 50, 1_700_000_100_000L, "def456"));
        next.put("replica-b", "docs/report.txt", new ReplicaState(EntryType.FILE, 50, 1_700_000_100_000L, "def456"));
        save(again, job, loaded, next);
        SyncState reloaded = read(storage, job);
        assertEquals(next.entries("replica-a"), reloaded.entries("replica-a"));
        assertEquals(next.entries("replica-b"), reloaded.entries("replica-b"));
        assertNull(reloaded.get("replica-b", "old.txt"), "an entry no longer in the state is deleted");
    }

    @Test
    void stateIsReadInPathOrderFolderByFolder() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, IDS);
        SyncState state = new SyncState();
        for (String path : List.of("a", "a/x", "a/x/deep.txt", "a b", "a-b", "a.b", "a.b/y", "Z", "\u00e9t\u00e9", "a/x-y")) {
            boolean folder = path.equals("a") || path.equals("a/x") || path.equals("a.b");
            state.put("replica-a", path, new ReplicaState(folder ? EntryType.DIRECTORY : EntryType.FILE, 1, 2, null));
            if (!path.startsWith("a.b")) {
                state.put("replica-b", path, new ReplicaState(folder ? EntryType.DIRECTORY : EntryType.FILE, 1, 2, null));
            }
        }
        save(storage, job, new SyncState(), state);

        List<String> paths = new ArrayList<>();
        try (SavedState rows = storage.stateStore().read(job.id(), IDS)) {
            rows.forEachRemaining(row -> paths.add(row.path()));
        }
        assertEquals(List.of("Z", "a", "a/x", "a/x/deep.txt", "a/x-y", "a b", "a-b", "a.b", "a.b/y", "\u00e9t\u00e9"), paths);
        assertEquals(state.entries("replica-b"), read(storage, job).entries("replica-b"));
    }

    /** Everything the store reads for the job, checking that rows come in path order. */
    private static SyncState read(DatabaseJobStorage storage, SyncJob job) throws Exception {
        SyncState state = new SyncState();
        try (SavedState rows = storage.stateStore().read(job.id(), IDS)) {
            String previous = null;
            while (rows.hasNext()) {
                StateRow row = rows.next();
                assertTrue(previous == null || RelativePath.compare(previous, row.path()) < 0, row.path() + " after " + previous);
                previous = row.path();
                for (int i = 0; i < IDS.size(); i++) {
                    state.put(IDS.get(i), row.path(), row.state(i));
                }
            }
        }
        return state;
    }

    @Test
    void statesKeptInMemoryAreTheDatabasesAfterEachCommitAndAfterAnotherWriter() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        SavedStateCache cache = new SavedStateCache(1_000_000);
        DatabaseJobStorage kept = keepingStatesIn(database, cache).save(job, IDS);
        assertTrue(read(kept, job).isEmpty());
        assertEquals(2, cache.status().paths(), "both paths kept, with no rows");

        SyncState first = new SyncState();
        for (String id : IDS) {
            first.put(id, "docs", new ReplicaState(EntryType.DIRECTORY, 0, 1_700_000_000_000L, null));
            first.put(id, "docs/a.txt", new ReplicaState(EntryType.FILE, 1, 1_700_000_000_001L, "aa"));
            first.put(id, "docs/b.txt", new ReplicaState(EntryType.FILE, 2, 1_700_000_000_002L, "bb"));
            first.put(id, "top.txt", new ReplicaState(EntryType.FILE, 3, 1_700_000_000_003L, null));
        }
        save(kept, job, new SyncState(), first);
        SyncState second = copy(first);
        second.put("replica-a", "docs/a.txt", new ReplicaState(EntryType.FILE, 10, 1_700_000_100_000L, "a2"));
        second.put("replica-b", "docs/c.txt", new ReplicaState(EntryType.FILE, 4, 1_700_000_100_004L, "cc"));
        second.put("replica-b", "top.txt", null);
        try (StateChanges changes = changes(first, second);
             SyncStateStore.PendingSave pending = kept.stateStore().begin(job.id(), IDS, changes)) {
            pending.commit();
        }
        assertEquals(8, cache.status().rows(), "both commits followed in memory");

        long readBefore = cache.status().foldersRead();
        SyncState fromMemory = read(kept, job);
        assertEquals(readBefore, cache.status().foldersRead(), "nothing read from the database");
        DatabaseJobStorage uncached = new DatabaseJobCatalog(database).save(job, IDS);
        assertStates(second, read(uncached, job));
        assertStates(second, fromMemory);

        SyncState byAnother = copy(second);
        byAnother.put("replica-b", "docs/b.txt", new ReplicaState(EntryType.FILE, 20, 1_700_000_200_000L, "b3"));
        save(uncached, job, second, byAnother);
        assertStates(byAnother, read(kept, job));
        assertTrue(cache.status().foldersRead() > readBefore, "a path another writer changed is read again");
        long readAgain = cache.status().foldersRead();
        assertStates(byAnother, read(kept, job));
        assertEquals(readAgain, cache.status().foldersRead(), "and kept again");
    }

    @Test
    void aPathWithRowsTheReadingCannotReachOrMoreRowsThanTheBoundIsNotKept() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        SavedStateCache cache = new SavedStateCache(3);
        DatabaseJobStorage kept = keepingStatesIn(database, cache).save(job, IDS);
        SyncState state = new SyncState();
        state.put("replica-a", "one.txt", new ReplicaState(EntryType.FILE, 1, 1_700_000_000_000L, null));
        state.put("replica-b", "one.txt", new ReplicaState(EntryType.FILE, 1, 1_700_000_000_000L, null));
        for (int i = 0; i < 4; i++) {
            state.put("replica-b", "many-" + i + ".txt", new ReplicaState(EntryType.FILE, i, 1_700_000_000_000L, null));
        }
        save(kept, job, new SyncState(), state);
        assertStates(state, read(kept, job));
        assertEquals(List.of(1, 1L), List.of(cache.status().paths(), cache.status().rows()), "only replica-a's one row fits");

        org.syncline.model.ReplicaState unreachable = org.syncline.model.SynclineFactory.eINSTANCE.createReplicaState();
        unreachable.setPath(kept.job().getPaths().get(0));
        unreachable.setRelativePath("no-folder-state/lost.txt");
        unreachable.setModified(Instant.ofEpochMilli(1_700_000_000_000L));
        database.replicaStates().save(List.of(unreachable));
        assertStates(state, read(kept, job));
        assertEquals(0, cache.status().paths(), "a row below a folder without state cannot be read, so the path is not kept");
        long readBefore = cache.status().foldersRead();
        assertStates(state, read(kept, job));
        assertTrue(cache.status().foldersRead() > readBefore);
    }

    @Test
    void aSaveThatFailsLeavesNothingKept() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        SavedStateCache cache = new SavedStateCache(1_000);
        DatabaseJobCatalog catalog = keepingStatesIn(database, cache);
        SyncState state = new SyncState();
        state.put("replica-a", "report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, null));
        state.put("replica-b", "report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, null));
        try (DatabaseRunLock lock = catalog.lockRun(job.id(), () -> { })) {
            DatabaseJobStorage storage = catalog.save(job, IDS, lock);
            assertTrue(read(storage, job).isEmpty());
            assertEquals(2, cache.status().paths());
            database.jobLeases().release(job.id(), lock.token());
            database.jobLeases().claim(job.id(), "other-host (process 8)", Duration.ofMinutes(1)).orElseThrow();

            assertThrows(StorageUnavailableException.class, () -> save(storage, job, new SyncState(), state));
            assertEquals(0, cache.status().paths());
            assertTrue(read(storage, job).isEmpty());
        }
    }

    /** A catalog whose storages keep the saved states in {@code cache}, as the engine's do. */
    private static DatabaseJobCatalog keepingStatesIn(SynclineDatabase database, SavedStateCache cache) {
        return new DatabaseJobCatalog(database, false, Duration.ofMinutes(1), 30, cache);
    }

    private static SyncState copy(SyncState state) {
        SyncState copy = new SyncState();
        for (String id : IDS) {
            state.entries(id).forEach((path, value) -> copy.put(id, path, value));
        }
        return copy;
    }

    private static void assertStates(SyncState expected, SyncState actual) {
        for (String id : IDS) {
            assertEquals(expected.entries(id), actual.entries(id), id);
        }
    }

    @Test
    void aRunThatLostItsClaimOnTheJobSavesNoState() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database, Duration.ofMinutes(1));
        SyncState state = new SyncState();
        state.put("replica-a", "report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, null));
        state.put("replica-b", "report.txt", new ReplicaState(EntryType.FILE, 42, 1_700_000_000_123L, null));
        try (DatabaseRunLock lock = catalog.lockRun(job.id(), () -> { })) {
            DatabaseJobStorage storage = catalog.save(job, IDS, lock);
            // As if this run had been cut off from the database until another one took the job over.
            database.jobLeases().release(job.id(), lock.token());
            database.jobLeases().claim(job.id(), "other-host (process 8)", Duration.ofMinutes(1)).orElseThrow();

            StorageUnavailableException refused = assertThrows(StorageUnavailableException.class,
                    () -> save(storage, job, new SyncState(), state));
            StorageUnavailableException refusedAhead;
            try (StateChanges changes = changes(new SyncState(), state);
                 SyncStateStore.PendingSave pending = storage.stateStore().begin(job.id(), IDS, changes)) {
                refusedAhead = assertThrows(StorageUnavailableException.class, pending::commit);
            }

            for (StorageUnavailableException e : List.of(refused, refusedAhead)) {
                assertTrue(e.getMessage().contains("another run took the job over"), e.getMessage());
                assertTrue(e.getMessage().contains("this run's synchronized state was not saved"), e.getMessage());
            }
            assertTrue(read(storage, job).isEmpty(), "nothing of the stale run's state was written");
        }
        assertThrows(JobRunningException.class, () -> catalog.lockRun(job.id(), () -> { }),
                "the stale run's close left the newer claim alone");
    }

    @Test
    void aSaveWrittenWhileTheRunExecutesCommitsOnlyWhatWasNotWithdrawn() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MULTI_MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, IDS);
        ReplicaState old = new ReplicaState(EntryType.FILE, 1, 1_600_000_000_000L, null);
        ReplicaState changed = new ReplicaState(EntryType.FILE, 2, 1_700_000_000_000L, null);
        SyncState saved = new SyncState();
        for (String path : List.of("failed-update.txt", "updated.txt", "deleted.txt", "failed-delete.txt")) {
            saved.put(IDS.get(0), path, old);
            saved.put(IDS.get(1), path, old);
        }
        save(storage, job, new SyncState(), saved);
        SyncState planned = new SyncState();
        for (String path : List.of("failed-update.txt", "updated.txt", "failed-new.txt", "new.txt")) {
            planned.put(IDS.get(0), path, changed);
            planned.put(IDS.get(1), path, changed);
        }

        try (StateChanges changes = changes(saved, planned);
             SyncStateStore.PendingSave pending = storage.stateStore().begin(job.id(), IDS, changes)) {
            Thread.sleep(300); // time for the background writer to write every row ahead
            assertEquals(saved.entries(IDS.get(1)), read(storage, job).entries(IDS.get(1)),
                    "while the run executes, the saved state is the last run's");
            changes.withdraw("failed-update.txt");
            changes.withdraw("failed-new.txt");
            changes.withdraw("failed-delete.txt");
            pending.commit();
        }

        SyncState expected = new SyncState();
        for (String id : IDS) {
            expected.put(id, "failed-update.txt", old);
            expected.put(id, "failed-delete.txt", old);
            expected.put(id, "updated.txt", changed);
            expected.put(id, "new.txt", changed);
        }
        SyncState after = read(storage, job);
        assertEquals(expected.entries(IDS.get(0)), after.entries(IDS.get(0)));
        assertEquals(expected.entries(IDS.get(1)), after.entries(IDS.get(1)));

        try (StateChanges changes = changes(after, saved)) {
            try (SyncStateStore.PendingSave pending = storage.stateStore().begin(job.id(), IDS, changes)) {
                Thread.sleep(200);
                Thread.currentThread().interrupt(); // e.g. a run stopped with its thread
            }
            assertTrue(Thread.interrupted(), "closing keeps the caller's interrupt");
            assertEquals(after.entries(IDS.get(0)), read(storage, job).entries(IDS.get(0)),
                    "a run that ends without a commit (it failed, or its process is going) saves nothing");
            try (SyncStateStore.PendingSave pending = storage.stateStore().begin(job.id(), IDS, changes)) {
                changes.withdrawAll();
                pending.commit();
            }
            assertEquals(after.entries(IDS.get(0)), read(storage, job).entries(IDS.get(0)),
                    "a run that withdrew everything (mass-delete guard) saves nothing");
        }
    }

    @Test
    void hashesLearnedWhileTheRunExecutesAreSavedWithWhatItCommits() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, IDS);
        ReplicaState old = new ReplicaState(EntryType.FILE, 1, 1_600_000_000_000L, "0000000000000001");
        SyncState saved = new SyncState();
        SyncState planned = new SyncState();
        // Copies whose rows wait for their hashes (even) and rows written first (odd), learned while
        // the run executes, one learned only at its end; withdrawn: one written, one written with its
        // hash, one never learned.
        int copies = 600;
        for (int i = 0; i < copies; i++) {
            String path = String.format("copied-%04d.txt", i);
            saved.put(IDS.get(0), path, old);
            saved.put(IDS.get(1), path, old);
            planned.put(IDS.get(0), path, version(i, null));
            planned.put(IDS.get(1), path, version(i, null));
        }
        save(storage, job, new SyncState(), saved);

        try (StateChanges changes = changes(saved, planned, path -> path.charAt(path.length() - 5) % 2 == 0 ? 2 : 0);
             SyncStateStore.PendingSave pending = storage.stateStore().begin(job.id(), IDS, changes)) {
            for (int i = 0; i < copies - 1; i++) {
                if (i != 10) {
                    changes.learn(String.format("copied-%04d.txt", i), version(i, hash(i)), 0, 1);
                }
            }
            Thread.sleep(300); // time for the writer to write the rows, with their hashes or then with them
            assertEquals(1, read(storage, job).entries(IDS.get(1)).values().stream().map(ReplicaState::hash)
                    .distinct().count(), "while the run executes, the saved state is the last run's");
            changes.learn(String.format("copied-%04d.txt", copies - 1), version(copies - 1, hash(copies - 1)), 0, 1);
            for (String failed : List.of("copied-0007.txt", "copied-0008.txt", "copied-0010.txt")) {
                changes.withdraw(failed); // its copy failed at the commit, after it was staged
            }
            pending.commit();
        }

        SyncState after = read(storage, job);
        for (String id : IDS) {
            for (int i = 0; i < copies; i++) {
                String path = String.format("copied-%04d.txt", i);
                assertEquals(i == 7 || i == 8 || i == 10 ? old : version(i, hash(i)), after.get(id, path), path);
            }
        }
    }

    private static ReplicaState version(int i, String hash) {
        return new ReplicaState(EntryType.FILE, 100 + i, 1_700_000_000_000L + i, hash);
    }

    private static String hash(int i) {
        return String.format("%016x", 0xabc000L + i);
    }

    /** What a run that found {@code from} and plans to leave {@code to} hands the store. */
    private static StateChanges changes(SyncState from, SyncState to) {
        return changes(from, to, path -> 0);
    }

    /**
     * {@link #changes(SyncState, SyncState)} of a run copying the files of some paths to the
     * replicas of {@code copiedTo} (a bit per replica index).
     */
    private static StateChanges changes(SyncState from, SyncState to, ToLongFunction<String> copiedTo) {
        TreeSet<String> paths = new TreeSet<>(RelativePath.ORDER);
        for (String id : IDS) {
            paths.addAll(from.entries(id).keySet());
            paths.addAll(to.entries(id).keySet());
        }
        StateChanges changes = new StateChanges(IDS.size());
        for (String path : paths) {
            changes.add(path, new ReplicaState[] {from.get(IDS.get(0), path), from.get(IDS.get(1), path)},
                    new ReplicaState[] {to.get(IDS.get(0), path), to.get(IDS.get(1), path)}, copiedTo.applyAsLong(path));
        }
        return changes;
    }

    /** Saves what a run that found {@code from} and left {@code to} hands the store. */
    private static void save(DatabaseJobStorage storage, SyncJob job, SyncState from, SyncState to) throws Exception {
        try (StateChanges changes = changes(from, to)) {
            storage.stateStore().save(job.id(), IDS, changes);
        }
    }

    @Test
    void fileActionsAreWrittenWhileTheRunGoesOnInTheOrderTheyWereLogged() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, List.of("a", "b"));
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        long runId = storage.runLog().runStarted(job.id(), start, false);
        int count = DatabaseRunLog.BACKGROUND_BATCH * 3 + 1;
        for (int i = 0; i < count; i++) {
            storage.runLog().fileAction(runId, new FileAction(start, "COPY", "f" + i, "b", Outcome.DONE, 10, ""));
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> written;
        do {
            Thread.sleep(20);
            Run running = database.runs().recentRuns(database.catalog().load(), storage.job(), 1).get(0);
            database.runs().loadActions(running);
            written = running.getActions().stream().map(org.syncline.model.FileAction::getRelativePath).toList();
        } while (written.size() < count && System.nanoTime() < deadline);
        assertEquals(IntStream.range(0, count).mapToObj(i -> "f" + i).toList(), written,
                "every row is written before the run ends (the last one with those waiting), in order");

        storage.runLog().runFinished(runId, new RunSummary(start, start.plusSeconds(1), count, count, 0, 0, 0, 0, 0,
                0, 10L * count, false, ""));
        Run run = database.runs().recentRuns(database.catalog().load(), storage.job(), 1).get(0);
        database.runs().loadActions(run);
        assertEquals(count, run.getActions().size(), "none twice");
        assertEquals(RunOutcome.SUCCEEDED, run.getOutcome());
    }

    @Test
    void runLogWritesRunAndFileActionRowsInBatches() throws Exception {
        SynclineDatabase database = open();
        SyncJob job = job(Rule.MIRROR, folder.resolve("a"), folder.resolve("b"));
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, List.of("a", "b"));
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        long runId = storage.runLog().runStarted(job.id(), start, false);
        int count = DatabaseRunLog.BATCH + 5;
        for (int i = 0; i < count; i++) {
            storage.runLog().fileAction(runId, new FileAction(start, "COPY", "f" + i, "b", Outcome.DONE, 10, ""));
        }
        storage.runLog().fileAction(runId, new FileAction(start, "DELETE", "gone", "b", Outcome.FAILED, 0, "permission denied"));
        storage.runLog().fileAction(runId, new FileAction(start, "CONFLICT_COPY", "both", "b", Outcome.CONFLICT, 0,
                "changed on both sides; kept both"));
        storage.runLog().fileAction(runId, new FileAction(start, "SKIP", "filtered", "b", Outcome.SKIPPED, 0, "excluded by a filter"));
        storage.runLog().fileAction(runId, new FileAction(start, FileAction.GUARD, "", "", Outcome.WARNING, 0,
                "the plan deletes 12 entries (warning limit 10)"));
        storage.runLog().fileAction(runId, new FileAction(start, FileAction.MOVE, "new/name.txt", "b", Outcome.DONE, 0,
                "renamed from old/name.txt, which held the same bytes, instead of copying it again"));
        storage.runLog().runFinished(runId, new RunSummary(start, start.plusSeconds(3), count + 3, count, 0, 0, 1, 1, 1,
                1, 10L * count, false, ""));

        List<Run> runs = database.runs().recentRuns(database.catalog().load(), storage.job(), 10);
        assertEquals(1, runs.size());
        Run run = runs.get(0);
        assertEquals(runId, run.getId());
        assertEquals(RunOutcome.COMPLETED_WITH_ERRORS, run.getOutcome());
        assertEquals(count, run.getFilesCopied());
        assertEquals(1, run.getErrors());
        assertEquals(10L * count, run.getBytesTransferred());
        assertEquals(start.plusSeconds(3), run.getFinishedAt());
        database.runs().loadActions(run);
        assertEquals(count + 5, run.getActions().size());
        org.syncline.model.FileAction done = run.getActions().get(0);
        assertEquals(FileActionOutcome.DONE, done.getOutcome());
        assertNull(done.getMessage());
        assertNull(done.getError());
        org.syncline.model.FileAction failed = action(run, "gone");
        assertEquals(FileActionKind.DELETE, failed.getKind());
        assertEquals(FileActionOutcome.FAILED, failed.getOutcome());
        assertEquals("permission denied", failed.getError());
        assertNull(failed.getMessage());
        org.syncline.model.FileAction conflict = action(run, "both");
        assertEquals(FileActionKind.CONFLICT, conflict.getKind());
        assertEquals(FileActionOutcome.CONFLICT, conflict.getOutcome());
        assertEquals("changed on both sides; kept both", conflict.getMessage());
        assertNull(conflict.getError());
        org.syncline.model.FileAction skipped = action(run, "filtered");
        assertEquals(FileActionKind.SKIP, skipped.getKind());
        assertEquals(FileActionOutcome.SKIPPED, skipped.getOutcome());
        assertEquals("excluded by a filter", skipped.getMessage());
        assertNull(skipped.getError());
        org.syncline.model.FileAction guard = action(run, "");
        assertEquals(FileActionKind.GUARD, guard.getKind(), "a guard of the whole run is its own kind, not a skipped file");
        assertEquals(FileActionOutcome.WARNING, guard.getOutcome());
        assertEquals("the plan deletes 12 entries (warning limit 10)", guard.getMessage());
        org.syncline.model.FileAction moved = action(run, "new/name.txt");
        assertEquals(FileActionKind.MOVE, moved.getKind(), "a move is its own kind, neither a copy nor a deletion");
        assertEquals(FileActionOutcome.DONE, moved.getOutcome());
        assertEquals(FileAction.MOVE, DatabaseRunLog.fromRow(moved).action(), "read back as the console names it");
        assertEquals(count, run.getFilesCopied(), "moves are not counted as copies");
        assertEquals(1, run.getFilesMoved());
    }

    @Test
    void anAclNoticeIsStoredAsAnAttributeWarningThatSaysAcls() throws Exception {
        SynclineDatabase database = open();
        MemoryReplica linux = new MemoryReplica("linux");
        MemoryReplica windows = new MemoryReplica("windows", "win", ReplicaCapabilities.WINDOWS);
        byte[] content = "tagged".getBytes(StandardCharsets.UTF_8);
        linux.write("tagged.txt", new ByteArrayInputStream(content), new WriteRequest(content.length, null,
                1_700_000_000_000L, 0644, null, ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX,
                        Map.of("user.origin", content))));
        SyncJob job = new SyncJob("contract-acls", List.of("linux", "windows"), Rule.MIRROR, Filter.ALL,
                SyncOptions.defaults());
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, List.of(linux.id(), windows.id()));

        RunSummary summary = new SyncRun(storage.stateStore(), storage.runLog(), Clock.systemUTC())
                .run(job, List.of(linux, windows), new Cancellation(), ProgressListener.NONE).summary();

        assertTrue(summary.succeeded(), summary.toString());
        Run run = database.runs().recentRuns(database.catalog().load(), storage.job(), 1).get(0);
        database.runs().loadActions(run);
        List<org.syncline.model.FileAction> warnings = run.getActions().stream()
                .filter(a -> a.getOutcome() == FileActionOutcome.WARNING).toList();
        assertEquals(1, warnings.size());
        org.syncline.model.FileAction notice = warnings.get(0);
        assertEquals(FileActionKind.SET_ATTRIBUTES, notice.getKind());
        assertEquals("tagged.txt", notice.getRelativePath());
        assertEquals(windows.toString(), notice.getTarget());
        assertTrue(notice.getMessage().startsWith("LINUX ACLs and extended attributes are not copied here"),
                notice.getMessage());
        assertEquals(FileActionKind.COPY, action(run, "tagged.txt", FileActionOutcome.DONE).getKind());
    }

    private static org.syncline.model.FileAction action(Run run, String relativePath, FileActionOutcome outcome) {
        return run.getActions().stream().filter(a -> relativePath.equals(a.getRelativePath()) && a.getOutcome() == outcome)
                .findFirst().orElseThrow();
    }

    private static org.syncline.model.FileAction action(Run run, String relativePath) {
        return run.getActions().stream().filter(a -> relativePath.equals(a.getRelativePath())).findFirst().orElseThrow();
    }

    @Test
    void aMultiMirrorDeletePropagatesOnlyWithTheStoredBase() throws Exception {
        SynclineDatabase database = open();
        Path a = Files.createDirectories(folder.resolve("a"));
        Path b = Files.createDirectories(folder.resolve("b"));
        Files.writeString(a.resolve("one.txt"), "one");
        Files.writeString(b.resolve("two.txt"), "two");
        SyncJob job = job(Rule.MULTI_MIRROR, a, b);

        runOnce(database, job, a, b);
        assertTrue(Files.exists(b.resolve("one.txt")) && Files.exists(a.resolve("two.txt")), "the first run merges");
        Files.delete(a.resolve("one.txt"));
        RunSummary second = runOnce(database, job, a, b);

        assertFalse(Files.exists(b.resolve("one.txt")), "the delete propagates because the base was stored");
        assertEquals(1, second.deleted());
        assertNotEquals(0, database.replicaStates().load(new DatabaseJobCatalog(database).save(job,
                List.of(LocalReplica.open(a).id(), LocalReplica.open(b).id())).job().getPaths().get(0)).size());
    }

    private static RunSummary runOnce(SynclineDatabase database, SyncJob job, Path a, Path b) throws Exception {
        LocalReplica first = LocalReplica.open(a);
        LocalReplica second = LocalReplica.open(b);
        DatabaseJobStorage storage = new DatabaseJobCatalog(database).save(job, List.of(first.id(), second.id()));
        SyncRun run = new SyncRun(storage.stateStore(), storage.runLog(), Clock.systemUTC());
        RunSummary summary = run.run(job, List.of(first, second), new Cancellation(), ProgressListener.NONE).summary();
        assertTrue(summary.succeeded(), summary.toString());
        return summary;
    }
}
