package org.syncline.engine;

import java.sql.SQLException;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.store.H2FileCompaction;

/**
 * Keeps an H2 file that this process serves from growing without end while it stays open.
 *
 * <p>H2 writes every change to new chunks and reuses a chunk's space only once none of its pages is
 * live any more and it is older than H2's retention time (45 s); chunks left partly live are
 * rewritten, and chunks at the file's end moved into free space, by H2's background writer, which
 * Syncline turns off ({@code WRITE_DELAY=0}, see the persistence layer's {@code DataSources}: commits
 * are written before they return), and, for up to 200 ms, when the database closes. A one-shot command
 * compacts the file it serves when it opens it ({@link H2FileCompaction#atOpen}); an engine keeps it
 * open. Measured with an engine running a job of 2,000 files, 300 of them changed before each run:
 * without any upkeep the file grew by 0.7 MB a run (48 MB after 60 runs, 7% of it live); with sparse
 * chunks rewritten but none moved, two to three runs a second for 12 minutes left it at 372 MB of
 * which 14% was in use (52 MB of data), and so it stayed after the runs and after the engine stopped.
 *
 * <p>Each {@link #run() turn} compacts for up to {@value #BUDGET_MILLIS} ms
 * ({@link H2FileCompaction#compact}): when less than {@value #TARGET_FILL_PERCENT}% of the chunks'
 * space is live, rewrites the live pages of sparse chunks into new ones; then, when less than
 * {@value #TARGET_FILL_PERCENT}% of the file is in use, moves chunks from its end into the free space
 * and gives back what is then free at its end. With it, 12 minutes of such runs kept the file between
 * 220 and 360 MB (H2 wrote ~4 MB a second, which its retention time keeps for 45 s), 98 MB 90 s after
 * the last run and 56 MB once the engine stopped. Does nothing for a database that is not an H2 file
 * served by this process (only the process serving it can). Runs and commits go on between the
 * passes; each pass holds H2's store lock.
 */
final class H2FileUpkeep implements Runnable {

    /** Below this share of live data in the chunks, or of used space in the file, a turn compacts. */
    static final int TARGET_FILL_PERCENT = H2FileCompaction.TARGET_FILL_PERCENT;

    /** A turn stops starting passes after this long. */
    static final long BUDGET_MILLIS = 1_000;

    private final SynclineDatabase database;

    H2FileUpkeep(SynclineDatabase database) {
        this.database = database;
    }

    /** One turn; a failure is logged (the next turn tries again), never thrown. */
    @Override
    public void run() {
        H2FileCompaction.compactOrLog(database, BUDGET_MILLIS);
    }

    /**
     * One turn: rewrites sparse chunks, then moves chunks into the free space nearer the file's start.
     *
     * @return how many passes rewrote or moved pages (0 when the file was dense enough, or is not an
     *     H2 file served by this process)
     */
    int compact() throws SQLException, InterruptedException {
        return H2FileCompaction.compact(database, BUDGET_MILLIS);
    }
}
