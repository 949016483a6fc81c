package org.syncline.sync.state;

import java.io.IOException;
import java.util.List;

/**
 * Port through which the sync core keeps each job's last synchronized state. The database adapter
 * implements it with MyBatis; {@link FileSyncStateStore} is the interim one for the command line.
 *
 * <p>A run reads the state once, as a stream in {@link org.syncline.sync.replica.RelativePath#ORDER}
 * ({@link #read}), and saves only what it changed ({@link #save}): neither needs the whole state in
 * memory, and a run that changed nothing writes nothing. Implementations must make {@code save}
 * atomic: a crash leaves the old state or the new one.
 */
public interface SyncStateStore {

    /**
     * Opens the last saved state of a job for reading.
     *
     * @param replicaIds the job's replicas in the job's order: the rows' states are indexed like it;
     *                   states saved for other replicas are left out
     * @return the state, empty if the job never ran; the caller closes it
     */
    SavedState read(String jobId, List<String> replicaIds) throws IOException;

    /**
     * Applies a run's changes: afterwards each changed path holds the changes' {@code after} states
     * and every other path what it held. States saved for replicas not in {@code replicaIds} may be
     * dropped. Nothing is written when there are no changes.
     *
     * @param replicaIds the job's replicas in the job's order, as given to {@link #read}
     */
    void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException;
}
