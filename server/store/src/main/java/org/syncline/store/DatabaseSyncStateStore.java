package org.syncline.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.syncline.model.JobPath;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.ReplicaStateStore;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.sync.state.SyncState;
import org.syncline.sync.state.SyncStateStore;

/**
 * {@link SyncStateStore} on the ReplicaState rows of one job's paths: one row per file or folder
 * per path (size, modification time, hash). The sync core saves the whole new state after a run,
 * holding only what really succeeded; this store writes just the rows that changed and deletes
 * the rows of entries no longer in it. Thread-safe (each call is its own transactions).
 */
final class DatabaseSyncStateStore implements SyncStateStore {

    private final ReplicaStateStore rows;
    private final Map<String, JobPath> pathsByReplica;

    /** @param pathsByReplica the saved job path of each replica id of the job */
    DatabaseSyncStateStore(ReplicaStateStore rows, Map<String, JobPath> pathsByReplica) {
        this.rows = rows;
        this.pathsByReplica = Map.copyOf(pathsByReplica);
    }

    @Override
    public SyncState load(String jobId) throws StorageUnavailableException {
        SyncState state = new SyncState();
        try {
            pathsByReplica.forEach((replica, path) -> {
                for (org.syncline.model.ReplicaState row : rows.load(path)) {
                    state.put(replica, row.getRelativePath(), toSync(row));
                }
            });
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
        return state;
    }

    @Override
    public void save(String jobId, SyncState state) throws StorageUnavailableException {
        try {
            for (Map.Entry<String, JobPath> replica : pathsByReplica.entrySet()) {
                JobPath path = replica.getValue();
                Map<String, ReplicaState> stored = new HashMap<>();
                for (org.syncline.model.ReplicaState row : rows.load(path)) {
                    stored.put(row.getRelativePath(), toSync(row));
                }
                Map<String, ReplicaState> wanted = state.entries(replica.getKey());
                List<org.syncline.model.ReplicaState> changed = new ArrayList<>();
                wanted.forEach((relativePath, value) -> {
                    if (!value.equals(stored.get(relativePath))) {
                        changed.add(toRow(path, relativePath, value));
                    }
                });
                rows.save(changed);
                for (String relativePath : stored.keySet()) {
                    if (!wanted.containsKey(relativePath)) {
                        rows.delete(path, relativePath);
                    }
                }
            }
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
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
