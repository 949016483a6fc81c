package org.syncline.sync.state;

import java.io.IOException;

/**
 * The right of this process to run one job, held from its claim ({@link JobCatalog#lockRun},
 * {@link FileRunLock#lock}) until closed, so that a job never runs twice at once.
 */
public interface RunLock extends AutoCloseable {

    /** Gives the right up. Idempotent. */
    @Override
    void close() throws IOException;
}
