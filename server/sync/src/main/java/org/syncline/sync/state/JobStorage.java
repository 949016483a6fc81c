package org.syncline.sync.state;

import java.io.IOException;

/**
 * Where one job's last synchronized state and run history are kept while the job runs: the two
 * ports together, opened for one job by a {@link JobStorageProvider}. Close it when the run is
 * over. The stores it hands out are thread-safe.
 */
public interface JobStorage extends AutoCloseable {

    /** The last synchronized state of the job. */
    SyncStateStore stateStore();

    /** The job's run history. */
    RunLog runLog();

    /** Where it is kept, for messages; never contains a password. */
    String description();

    @Override
    void close() throws IOException;
}
