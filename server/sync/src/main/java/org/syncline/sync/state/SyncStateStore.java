package org.syncline.sync.state;

import java.io.IOException;

/**
 * Port through which the sync core keeps each job's last synchronized state. The database adapter
 * implements it with MyBatis; {@link FileSyncStateStore} is the interim one for the command line.
 * Implementations must make {@link #save} atomic: a crash leaves the old or the new state.
 */
public interface SyncStateStore {

    /** The last saved state of a job, or an empty one if it never ran. */
    SyncState load(String jobId) throws IOException;

    /** Replaces the job's state. */
    void save(String jobId, SyncState state) throws IOException;
}
