package org.syncline.sync.state;

import java.io.IOException;
import java.time.Instant;

/**
 * Port for a job's run history: a run row, per-file actions, and the totals at the end. The
 * database adapter writes Run and FileAction rows; {@link FileRunLog} is the interim one.
 * Implementations must be thread-safe: the executor reports from several threads.
 */
public interface RunLog {

    /**
     * Records the start of a run.
     *
     * @return the run's id, to pass to the other methods
     */
    long runStarted(String jobId, Instant start, boolean preview) throws IOException;

    /** Records one file action of a run. */
    void fileAction(long runId, FileAction action) throws IOException;

    /** Records the end of a run. */
    void runFinished(long runId, RunSummary summary) throws IOException;
}
