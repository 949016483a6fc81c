package org.syncline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

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
 * {@link SyncStateStore} on the ReplicaState rows of one job's paths: one row per file or folder
 * per path (size, modification time, hash).
 *
 * <p>{@link #read} walks the saved folders depth-first over one connection, one query per path for
 * each folder (served by the parent-folder index), and sorts each folder's rows by name, so rows come in
 * {@link RelativePath#ORDER} while memory holds only the folders above the current row, as the
 * scanner does. A row whose folder has no state of its own on any path is not reached: it counts as
 * never synchronized. {@link #save} writes only the changed rows of the changed paths, all in one
 * transaction (nothing at all when nothing changed). Thread-safe (each call is its own transactions).
 */
final class DatabaseSyncStateStore implements SyncStateStore {

    private final ReplicaStateStore rows;
    private final Map<String, JobPath> pathsByReplica;
    private final RunFence fence;

    /**
     * @param pathsByReplica the saved job path of each replica id of the job
     * @param fence the claim of the run saving the state: a save goes through only while it is the
     *     job's; {@code null} for none
     */
    DatabaseSyncStateStore(ReplicaStateStore rows, Map<String, JobPath> pathsByReplica, RunFence fence) {
        this.rows = rows;
        this.pathsByReplica = Map.copyOf(pathsByReplica);
        this.fence = fence;
    }

    @Override
    public SavedState read(String jobId, List<String> replicaIds) throws StorageUnavailableException {
        List<JobPath> paths = paths(replicaIds);
        try {
            for (JobPath path : paths) {
                if (path != null) {
                    rows.completeParentKeys(path);
                }
            }
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        return new FolderWalk(paths);
    }

    @Override
    public void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        List<JobPath> paths = paths(replicaIds);
        try (StateChanges.Reader reader = changes.open()) {
            if (!reader.hasNext()) {
                return;
            }
            rows.update(fence, batch -> {
                while (reader.hasNext()) {
                    StateChanges.Change change = reader.next();
                    for (int i = 0; i < paths.size(); i++) {
                        ReplicaState after = change.after()[i];
                        if (paths.get(i) == null || Objects.equals(change.before()[i], after)) {
                            continue;
                        }
                        if (after == null) {
                            batch.delete(paths.get(i), change.path());
                        } else {
                            batch.put(toRow(paths.get(i), change.path(), after));
                        }
                    }
                }
            });
        } catch (LeaseLostException e) {
            throw new StorageUnavailableException(e.getMessage() + "; this run's synchronized state was not saved"
                    + " (the next run compares the folders again)", e);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The job path of each replica id, {@code null} for an id the job does not have. */
    private List<JobPath> paths(List<String> replicaIds) {
        List<JobPath> paths = new ArrayList<>(replicaIds.size());
        replicaIds.forEach(id -> paths.add(pathsByReplica.get(id)));
        return paths;
    }

    /** The saved state, folder by folder, depth-first. */
    private final class FolderWalk implements SavedState {

        private final List<JobPath> paths;
        private final Deque<Iterator<StateRow>> folders = new ArrayDeque<>();
        private ReplicaStateStore.Folders reader;
        private StateRow next;
        private boolean started;

        FolderWalk(List<JobPath> paths) {
            this.paths = paths;
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
                if (reader == null) {
                    reader = rows.folders();
                }
                for (int i = 0; i < paths.size(); i++) {
                    if (paths.get(i) == null) {
                        continue;
                    }
                    for (org.syncline.model.ReplicaState row : reader.children(paths.get(i), folder)) {
                        byPath.computeIfAbsent(row.getRelativePath(), p -> new ReplicaState[paths.size()])[i] = toSync(row);
                    }
                }
            } catch (DatabaseException e) {
                throw new UncheckedIOException(new StorageUnavailableException(e.getMessage(), e));
            }
            List<StateRow> sorted = new ArrayList<>(byPath.size());
            byPath.forEach((path, states) -> sorted.add(new StateRow(path, states)));
            return sorted.iterator();
        }
    }

    private static ReplicaState toSync(org.syncline.model.ReplicaState row) {
        return new ReplicaState(row.isFolder() ? EntryType.DIRECTORY : EntryType.FILE, row.getSize(),
                row.getModified() == null ? 0 : row.getModified().toEpochMilli(), row.getHash());
    }

    private static org.syncline.model.ReplicaState toRow(JobPath path, String relativePath, ReplicaState value) {
        org.syncline.model.ReplicaState row = SynclineFactory.eINSTANCE.createReplicaState();
        row.setPath(Objects.requireNonNull(path));
        row.setRelativePath(relativePath);
        row.setFolder(value.type() == EntryType.DIRECTORY);
        row.setSize(value.size());
        row.setModified(Instant.ofEpochMilli(value.mtimeMillis()));
        row.setHash(value.hash());
        return row;
    }
}
