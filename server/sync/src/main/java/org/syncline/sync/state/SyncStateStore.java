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
 *
 * <p>A run saves through {@link #begin}, before it executes its plan: a store may then write the
 * planned changes while the plan is carried out and, once the run knows what succeeded, take back
 * the withdrawn ones and commit, instead of writing everything after the run.
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

    /**
     * A save begun before the run executes its plan. Until {@link #commit} nothing of it is saved;
     * {@link #close} without a commit leaves the saved state as it was.
     */
    interface PendingSave extends AutoCloseable {

        /**
         * Saves the changes not withdrawn, as {@link #save} would have when called now, atomically.
         * Called once, after the last withdrawal.
         */
        void commit() throws IOException;

        /** Drops what was not committed and releases what the save holds; never throws. */
        @Override
        void close();
    }

    /**
     * Begins saving {@code changes}, whose rows are all added but which the run may still withdraw
     * from while the save is pending. The default writes nothing before {@link PendingSave#commit},
     * which {@link #save saves}; a store may write ahead, off the caller's thread, reading the
     * changes with {@link StateChanges#openAll}, and take the withdrawn ones back at the commit.
     */
    default PendingSave begin(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        return new PendingSave() {
            @Override
            public void commit() throws IOException {
                save(jobId, replicaIds, changes);
            }

            @Override
            public void close() {
            }
        };
    }
}
