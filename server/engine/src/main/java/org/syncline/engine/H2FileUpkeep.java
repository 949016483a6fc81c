package org.syncline.engine;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.SynclineDatabase;

/**
 * Keeps an H2 file that this process serves from growing without end while it stays open.
 *
 * <p>H2 writes every change to new chunks at the end of its file and reuses a chunk's space only
 * once none of its pages is live any more and it is older than H2's retention time (45 s); chunks
 * left partly live are rewritten, and chunks at the file's end moved into free space nearer its
 * start, by H2's background writer, which Syncline turns off ({@code WRITE_DELAY=0}, see the
 * persistence layer's {@code DataSources}: commits are written before they return), and, for up to
 * 200 ms, when the database closes. A one-shot command closes it after each run; an engine does not.
 * Measured with an engine running a job of 2,000 files, 300 of them changed before each run: without
 * any upkeep the file grew by 0.7 MB a run (48 MB after 60 runs, 7% of it live); with sparse chunks
 * rewritten but none moved, two to three runs a second for 12 minutes left it at 372 MB of which 14%
 * was in use (52 MB of data), and so it stayed after the runs and after the engine stopped.
 *
 * <p>Each {@link #run() turn} does what H2's background writer would: when less than
 * {@value #TARGET_FILL_PERCENT}% of the chunks' space is live, rewrites the live pages of sparse
 * chunks into new ones ({@link MVStore#compact(int, int)}, {@value #WRITE_LIMIT_BYTES} bytes at most
 * per pass); then, when less than {@value #TARGET_FILL_PERCENT}% of the file is in use, moves chunks
 * from its end into the free space ({@link RandomAccessStore#compactMoveChunks(int, long, MVStore)},
 * {@value #MOVE_LIMIT_BYTES} bytes per pass) and gives back what is then free at its end; passes for
 * up to {@value #BUDGET_MILLIS} ms a turn. With it, the same 12 minutes of runs kept the file between
 * 220 and 360 MB (H2 wrote ~4 MB a second, which its retention time keeps for 45 s), 98 MB 90 s after
 * the last run and 56 MB once the engine stopped. Does nothing for a database that is not an H2 file
 * served by this process (only the process serving it can). Runs and commits go on meanwhile: H2
 * rewrites and moves pages under its own locks, forcing the file to disk before it overwrites
 * anything.
 */
final class H2FileUpkeep implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileUpkeep.class);

    /** Below this share of live data in the chunks, a turn compacts. */
    static final int TARGET_FILL_PERCENT = 80;

    /** At most this much is rewritten per pass. */
    static final int WRITE_LIMIT_BYTES = 16 << 20;

    /**
     * At most this much is moved per pass (each pass holds H2's store, and so commits, for its
     * duration: 45-240 ms for 16 MB measured here).
     */
    static final int MOVE_LIMIT_BYTES = 8 << 20;

    /** A turn stops starting passes after this long. */
    static final long BUDGET_MILLIS = 1_000;

    /**
     * Rewriting ends after this many passes that rewrote nothing (nothing old enough to rewrite, or
     * H2's store busy with a commit: it compacts only while no commit holds it); moving, after this
     * many passes in a row that gave nothing back.
     */
    static final int ATTEMPTS = 5;

    private static final long RETRY_MILLIS = 20;

    private final SynclineDatabase database;

    H2FileUpkeep(SynclineDatabase database) {
        this.database = database;
    }

    /** One turn; a failure is logged (the next turn tries again), never thrown. */
    @Override
    public void run() {
        try {
            compact();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not compact the database file: {}", e.toString());
        }
    }

    /**
     * One turn: rewrites sparse chunks, then moves chunks into the free space nearer the file's start.
     *
     * @return how many passes rewrote or moved pages (0 when the file was dense enough, or is not an
     *     H2 file served by this process)
     */
    int compact() throws SQLException, InterruptedException {
        try (Connection connection = database.connect()) {
            MVStore store = servedStore(connection);
            if (store == null) {
                return 0;
            }
            long start = System.nanoTime();
            long deadline = start + BUDGET_MILLIS * 1_000_000;
            FileStore<?> file = store.getFileStore();
            int chunksBefore = file.getChunksFillRate();
            int fileBefore = file.getFillRate();
            long sizeBefore = file.size();
            int passes = rewriteSparseChunks(store, deadline);
            if (file instanceof RandomAccessStore randomAccess) {
                passes += moveChunksForward(store, randomAccess, deadline);
            }
            if (passes > 0) {
                LOG.debug("Compacted the database file in {} passes, {} ms: chunks {}% -> {}% live, file {}% -> {}% used,"
                        + " {} -> {} bytes", passes, (System.nanoTime() - start) / 1_000_000, chunksBefore,
                        file.getChunksFillRate(), fileBefore, file.getFillRate(), sizeBefore, file.size());
            }
            return passes;
        }
    }

    /** Rewrites the live pages of sparse chunks into new ones, leaving the old ones to be freed. */
    private static int rewriteSparseChunks(MVStore store, long deadline) throws InterruptedException {
        int passes = 0;
        int refused = 0;
        while (store.getFileStore().getChunksFillRate() < TARGET_FILL_PERCENT && System.nanoTime() < deadline) {
            if (store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES)) {
                store.commit();
                passes++;
            } else if (++refused == ATTEMPTS) {
                break;
            } else {
                // Nothing old enough to rewrite, or the store busy with a commit: look again shortly.
                Thread.sleep(RETRY_MILLIS);
            }
        }
        return passes;
    }

    /**
     * Moves chunks from the file's end into free space nearer its start and gives back what is free at
     * the end (H2's background writer does the same when the file is fragmented).
     */
    private static int moveChunksForward(MVStore store, RandomAccessStore file, long deadline) {
        int passes = 0;
        int unchanged = 0;
        while (file.getFillRate() < TARGET_FILL_PERCENT && System.nanoTime() < deadline) {
            int fillBefore = file.getFillRate();
            long sizeBefore = file.size();
            // Under the store's lock; forces the file to disk before overwriting anything.
            file.compactMoveChunks(TARGET_FILL_PERCENT, MOVE_LIMIT_BYTES, store);
            passes++;
            if (file.getFillRate() != fillBefore || file.size() != sizeBefore) {
                unchanged = 0;
            } else if (++unchanged == ATTEMPTS) {
                // Moves within the file show only when its end is given back; five passes without
                // that mean nothing more can move now.
                break;
            }
        }
        return passes;
    }

    /** The store of an H2 file this process serves; {@code null} for any other database. */
    private static MVStore servedStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
            return null;
        }
        MVStore store = local.getDatabase().getStore().getMvStore();
        return store.isPersistent() && !store.isReadOnly() && !store.isClosed() ? store : null;
    }
}
