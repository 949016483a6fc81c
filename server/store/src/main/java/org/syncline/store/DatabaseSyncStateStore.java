package org.syncline.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.syncline.model.JobPath;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.LeaseLostException;
import org.syncline.persistence.ReplicaStateStore;
import org.syncline.persistence.RunFence;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.StateChanges;
import org.syncline.sync.state.StateRow;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.sync.state.SyncStateStore;

/**
 * {@link SyncStateStore} on the ReplicaState rows of one job's paths: one row per file, folder or
 * symbolic link per path (size, modification time, hash).
 *
 * <p>{@link #read} walks the saved folders depth-first over one connection, one query per path for
 * each folder (served by the parent-folder index), and sorts each folder's rows by name, so rows come in
 * {@link RelativePath#ORDER} while memory holds only the folders above the current row, as the
 * scanner does. A row whose folder has no state of its own on any path is not reached: it counts as
 * never synchronized. {@link #save} writes only the changed rows of the changed paths, all in one
 * transaction (nothing at all when nothing changed). Thread-safe (each call is its own transactions).
 *
 * <p>With a {@link SavedStateCache} (the engine's), a path kept there at its current generation is
 * read from memory; a path read from the database is kept when the reading saw all its rows; and a
 * save's commit updates what is kept (see the cache for when it forgets instead).
 */
final class DatabaseSyncStateStore implements SyncStateStore {

    private final ReplicaStateStore rows;
    private final Map<String, JobPath> pathsByReplica;
    private final RunFence fence;
    private final SavedStateCache cache;
    /** The generation of each path when the state was last read, by path id; empty before. */
    private volatile Map<Long, Long> readGenerations = Map.of();

    /**
     * @param pathsByReplica the saved job path of each replica id of the job
     * @param fence the claim of the run saving the state: a save goes through only while it is the
     *     job's; {@code null} for none
     */
    DatabaseSyncStateStore(ReplicaStateStore rows, Map<String, JobPath> pathsByReplica, RunFence fence) {
        this(rows, pathsByReplica, fence, null);
    }

    /** @param cache where the states are kept between runs, or {@code null} for none */
    DatabaseSyncStateStore(ReplicaStateStore rows, Map<String, JobPath> pathsByReplica, RunFence fence,
                           SavedStateCache cache) {
        this.rows = rows;
        this.pathsByReplica = Map.copyOf(pathsByReplica);
        this.fence = fence;
        this.cache = cache;
    }

    @Override
    public SavedState read(String jobId, List<String> replicaIds) throws StorageUnavailableException {
        List<JobPath> paths = paths(replicaIds);
        Map<Long, Long> generations = Map.of();
        try {
            for (JobPath path : paths) {
                if (path != null) {
                    rows.upgradeKeys(path);
                }
            }
            if (cache != null) {
                generations = rows.generations(paths.stream().filter(Objects::nonNull).toList());
            }
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        readGenerations = generations;
        return new FolderWalk(paths, generations);
    }

    @Override
    public void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        List<JobPath> paths = paths(replicaIds);
        try (StateChanges.Reader reader = changes.open()) {
            if (!reader.hasNext()) {
                return;
            }
            Kept kept = new Kept(paths);
            try (ReplicaStateStore.Update update = rows.begin()) {
                ReplicaStateStore.Changes batch = kept.recording(update);
                reader.forEachRemaining(change -> apply(batch, paths, change.path(), change.before(), change.after()));
                kept.commit(update);
            }
        } catch (RuntimeException e) {
            throw storageFailure(e);
        }
    }

    /**
     * What a save tells the cache: the changes it wrote, path by path, and after its commit the
     * generations it left; without a cache it only commits.
     */
    private final class Kept {
        private final List<JobPath> paths;
        private final Map<Long, Long> before = readGenerations;
        private final Map<Long, SavedStateCache.Changes> changes = new HashMap<>();
        private boolean overflow;

        Kept(List<JobPath> paths) {
            this.paths = paths;
        }

        /** {@code update}, recording what goes through it for the cache. */
        ReplicaStateStore.Changes recording(ReplicaStateStore.Update update) {
            if (cache == null) {
                return update;
            }
            return new ReplicaStateStore.Changes() {
                @Override
                public void put(org.syncline.model.ReplicaState state) {
                    update.put(state);
                    record(state.getPath(), state.getRelativePath(), toSync(state));
                }

                @Override
                public void delete(JobPath path, String relativePath) {
                    update.delete(path, relativePath);
                    record(path, relativePath, null);
                }
            };
        }

        private void record(JobPath path, String relativePath, ReplicaState state) {
            if (overflow) {
                return;
            }
            SavedStateCache.Changes kept = changes.computeIfAbsent(path.getId(), id -> new SavedStateCache.Changes());
            kept.put(relativePath, state);
            if (kept.size() > cache.maxRows()) {
                overflow = true;
                changes.clear();
            }
        }

        /** Commits {@code update} and brings the cache up to it; forgets the job's paths when the commit fails. */
        void commit(ReplicaStateStore.Update update) {
            try {
                update.commit(fence);
            } catch (RuntimeException e) {
                forgetAll();
                throw e;
            }
            if (cache == null) {
                return;
            }
            Map<Long, Long> now = new HashMap<>(readGenerations);
            now.putAll(update.generations());
            readGenerations = Map.copyOf(now);
            update.generations().forEach((pathId, after) -> {
                Long was = before.get(pathId);
                if (was == null || overflow) {
                    cache.forget(pathId);
                } else {
                    cache.committed(pathId, was, after, changes.get(pathId));
                }
            });
        }

        void forgetAll() {
            if (cache != null) {
                paths.stream().filter(Objects::nonNull).forEach(path -> cache.forget(path.getId()));
            }
        }
    }

    /**
     * Writes the planned changes in a transaction of their own while the run executes (one thread
     * per pending save); the commit then waits for that writer, writes back the before-states of
     * the paths the run withdrew, checks the run's claim and commits: the rows of a large first run
     * are written while its files are copied instead of after, a copied file's row once its copies
     * learned the content hash ({@link StateChanges#writeAhead}). Until the commit, the rows are the
     * transaction's alone; a run that fails or is killed before it leaves the saved state as it was.
     * A database that fails while the writer runs is reported by the commit, after the execution, as
     * {@link #save} would.
     */
    @Override
    public PendingSave begin(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        if (changes.isEmpty()) {
            // A run that plans no change (withdrawals only remove): no writer, no connection.
            return SyncStateStore.super.begin(jobId, replicaIds, changes);
        }
        return new WriteAhead(paths(replicaIds), changes);
    }

    /** How often the writer looks for the copies' progress while the run executes. */
    private static final long WRITE_AHEAD_MILLIS = 50;

    /** A save whose rows are written while the run executes; see {@link #begin}. */
    private final class WriteAhead implements PendingSave {

        private final List<JobPath> paths;
        private final StateChanges changes;
        private final Kept kept;
        private final FutureTask<ReplicaStateStore.Update> writer;
        private final Object wake = new Object();
        private volatile boolean stopped;
        /** Set by the commit: the run executed; the writer writes the last learned hashes and ends. */
        private volatile boolean executed;
        private ReplicaStateStore.Update update;

        WriteAhead(List<JobPath> paths, StateChanges changes) throws IOException {
            this.paths = paths;
            this.changes = changes;
            this.kept = new Kept(paths);
            this.writer = new FutureTask<>(this::writePlanned);
            Thread thread = new Thread(writer, "syncline-state-save");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * On the writer's thread: opens the transaction and writes the changes into it as the run
         * executes and its copies learn their hashes, then, once it executed, what is left.
         */
        private ReplicaStateStore.Update writePlanned() throws IOException {
            ReplicaStateStore.Update open = rows.begin();
            ReplicaStateStore.Changes batch = kept.recording(open);
            StateChanges.StateWrite write = new StateChanges.StateWrite() {
                @Override
                public void write(String path, ReplicaState[] from, ReplicaState[] to) {
                    apply(batch, paths, path, from, to);
                }

                @Override
                public boolean stopped() {
                    return stopped;
                }
            };
            try {
                while (!stopped && !executed) {
                    changes.writeAhead(write, false);
                    synchronized (wake) {
                        if (!stopped && !executed) {
                            wake.wait(WRITE_AHEAD_MILLIS);
                        }
                    }
                }
                if (!stopped) {
                    changes.writeAhead(write, true);
                }
                return open;
            } catch (InterruptedException e) {
                open.close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while saving the synchronized state");
            } catch (IOException | RuntimeException e) {
                open.close();
                throw e;
            }
        }

        private void signal(Runnable flag) {
            synchronized (wake) {
                flag.run();
                wake.notifyAll();
            }
        }

        @Override
        public void commit() throws IOException {
            try {
                signal(() -> executed = true);
                update = writer.get();
                if (changes.isEmpty()) {
                    return;
                }
                ReplicaStateStore.Changes batch = kept.recording(update);
                try (StateChanges.Reader withdrawn = changes.openWithdrawn()) {
                    withdrawn.forEachRemaining(change -> apply(batch, paths, change.path(), change.after(),
                            change.before()));
                }
                kept.commit(update);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while saving the synchronized state");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw storageFailure(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
            } catch (RuntimeException e) {
                throw storageFailure(e);
            }
        }

        /**
         * Stops the writer and rolls back what was not committed. Waits for the writer even when
         * interrupted (it stops within a row), so that its connection is never left open.
         */
        @Override
        public void close() {
            signal(() -> stopped = true);
            boolean interrupted = false;
            try {
                while (update == null) {
                    try {
                        update = writer.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        return; // The writer failed and closed its transaction: nothing to release.
                    }
                }
                update.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Writes, for each of the job's paths where they differ, the state {@code to} in place of {@code from}. */
    private static void apply(ReplicaStateStore.Changes batch, List<JobPath> paths, String relativePath,
                              ReplicaState[] from, ReplicaState[] to) {
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i) == null || Objects.equals(from[i], to[i])) {
                continue;
            }
            if (to[i] == null) {
                batch.delete(paths.get(i), relativePath);
            } else {
                batch.put(toRow(paths.get(i), relativePath, to[i]));
            }
        }
    }

    /** What a failed save tells the run, in the user's words. */
    private static IOException storageFailure(RuntimeException e) {
        if (e instanceof LeaseLostException) {
            return new StorageUnavailableException(e.getMessage() + "; this run's synchronized state was not saved"
                    + " (the next run compares the folders again)", e);
        }
        if (e instanceof DatabaseException) {
            return new StorageUnavailableException(e.getMessage(), e);
        }
        if (e instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        throw e;
    }

    /** The job path of each replica id, {@code null} for an id the job does not have. */
    private List<JobPath> paths(List<String> replicaIds) {
        List<JobPath> paths = new ArrayList<>(replicaIds.size());
        replicaIds.forEach(id -> paths.add(pathsByReplica.get(id)));
        return paths;
    }

    /**
     * The saved state, folder by folder, depth-first; each path's folders from the cache where it
     * keeps the path at the generation read, else from the database, recorded for the cache.
     */
    private final class FolderWalk implements SavedState {

        private final List<JobPath> paths;
        private final Map<Long, Long> generations;
        private final Deque<Iterator<StateRow>> folders = new ArrayDeque<>();
        /** Per path, the rows read from the database for the cache, by folder; {@code null}: not recorded. */
        private final List<Map<String, Map<String, ReplicaState>>> recording = new ArrayList<>();
        private final long[] recorded;
        private ReplicaStateStore.Folders reader;
        private StateRow next;
        private boolean started;

        FolderWalk(List<JobPath> paths, Map<Long, Long> generations) {
            this.paths = paths;
            this.generations = generations;
            this.recorded = new long[paths.size()];
            for (JobPath path : paths) {
                Long generation = path == null ? null : generations.get(path.getId());
                boolean record = cache != null && generation != null && !cache.holds(path.getId(), generation);
                recording.add(record ? new HashMap<>() : null);
            }
        }

        @Override
        public boolean hasNext() {
            if (!started) {
                started = true;
                folders.push(children(RelativePath.ROOT));
            }
            while (next == null && !folders.isEmpty()) {
                Iterator<StateRow> folder = folders.peek();
                if (!folder.hasNext()) {
                    folders.pop();
                    if (folders.isEmpty()) {
                        keepRecorded();
                    }
                    continue;
                }
                next = folder.next();
                for (ReplicaState state : next.states()) {
                    if (state != null && state.type() == EntryType.DIRECTORY) {
                        folders.push(children(next.path()));
                        break;
                    }
                }
            }
            return next != null;
        }

        @Override
        public StateRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StateRow row = next;
            next = null;
            return row;
        }

        @Override
        public void close() {
            folders.clear();
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }

        /**
         * The rows of a folder's children, sorted by name: siblings' paths share the folder's
         * prefix, so their natural order is {@link RelativePath#ORDER}.
         */
        private Iterator<StateRow> children(String folder) {
            TreeMap<String, ReplicaState[]> byPath = new TreeMap<>();
            try {
                for (int i = 0; i < paths.size(); i++) {
                    JobPath path = paths.get(i);
                    if (path == null) {
                        continue;
                    }
                    int index = i;
                    Long generation = generations.get(path.getId());
                    Map<String, ReplicaState> kept = generation == null ? null : cache.children(path.getId(), generation, folder);
                    if (kept != null) {
                        kept.forEach((relativePath, state) ->
                                byPath.computeIfAbsent(relativePath, p -> new ReplicaState[paths.size()])[index] = state);
                        continue;
                    }
                    if (reader == null) {
                        reader = rows.folders();
                    }
                    Map<String, Map<String, ReplicaState>> record = recording.get(i);
                    Map<String, ReplicaState> recordedHere = record == null ? null : new HashMap<>();
                    for (org.syncline.model.ReplicaState row : reader.children(path, folder)) {
                        ReplicaState state = toSync(row);
                        byPath.computeIfAbsent(row.getRelativePath(), p -> new ReplicaState[paths.size()])[i] = state;
                        if (recordedHere != null) {
                            recordedHere.put(row.getRelativePath(), state);
                        }
                    }
                    if (cache != null) {
                        cache.countRead();
                    }
                    if (recordedHere != null && !recordedHere.isEmpty()) {
                        record.put(folder, recordedHere);
                        recorded[i] += recordedHere.size();
                        if (recorded[i] > cache.maxRows()) {
                            recording.set(i, null);
                        }
                    }
                }
            } catch (DatabaseException e) {
                throw new UncheckedIOException(new StorageUnavailableException(e.getMessage(), e));
            }
            List<StateRow> sorted = new ArrayList<>(byPath.size());
            byPath.forEach((path, states) -> sorted.add(new StateRow(path, states)));
            return sorted.iterator();
        }

        /**
         * At the end of a whole walk: keeps each recorded path whose generation did not change while
         * it was read and whose rows were all reached (none below a folder without state).
         */
        private void keepRecorded() {
            List<JobPath> recordedPaths = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                if (recording.get(i) != null) {
                    recordedPaths.add(paths.get(i));
                }
            }
            if (recordedPaths.isEmpty()) {
                return;
            }
            try {
                Map<Long, Long> now = rows.generations(recordedPaths);
                for (int i = 0; i < paths.size(); i++) {
                    Map<String, Map<String, ReplicaState>> record = recording.get(i);
                    if (record == null) {
                        continue;
                    }
                    recording.set(i, null);
                    long id = paths.get(i).getId();
                    if (generations.get(id).equals(now.get(id)) && rows.count(paths.get(i)) == recorded[i]) {
                        cache.keep(id, generations.get(id), record);
                    }
                }
            } catch (DatabaseException e) {
                // Not kept: the next run reads the database again; this run has read what it needs.
                recording.replaceAll(record -> null);
            }
        }
    }

    private static ReplicaState toSync(org.syncline.model.ReplicaState row) {
        EntryType type = row.isFolder() ? EntryType.DIRECTORY : row.isLink() ? EntryType.SYMLINK : EntryType.FILE;
        return new ReplicaState(type, row.getSize(),
                row.getModified() == null ? 0 : row.getModified().toEpochMilli(), row.getHash());
    }

    private static org.syncline.model.ReplicaState toRow(JobPath path, String relativePath, ReplicaState value) {
        org.syncline.model.ReplicaState row = SynclineFactory.eINSTANCE.createReplicaState();
        row.setPath(Objects.requireNonNull(path));
        row.setRelativePath(relativePath);
        row.setFolder(value.type() == EntryType.DIRECTORY);
        row.setLink(value.type() == EntryType.SYMLINK);
        row.setSize(value.size());
        row.setModified(Instant.ofEpochMilli(value.mtimeMillis()));
        row.setHash(value.hash());
        return row;
    }
}
