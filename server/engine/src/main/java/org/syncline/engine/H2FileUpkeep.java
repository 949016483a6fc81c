package org.syncline.engine;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.SynclineDatabase;

/**
 * Keeps an H2 file that this process serves from growing without end while it stays open.
 *
 * <p>H2 writes every change to new chunks at the end of its file and reuses a chunk's space only
 * once none of its pages is live any more; chunks left partly live are rewritten by its background
 * writer, which Syncline turns off ({@code WRITE_DELAY=0}, see the persistence layer's
 * {@code DataSources}: commits are written before they return), and, for up to 200 ms, when the
 * database closes. A one-shot command closes it after each run; an engine does not. Measured: an
 * engine running a job of 2,000 files, 300 of them changed each time, grew its file by 0.7 MB a run
 * (48 MB after 60 runs, 7% of it live) and would grow so for as long as it ran. With this upkeep,
 * the same engine's file went from 7% to 78-90% live within a minute of its last run, the space
 * freed being reused by later writes (or given back when it lies at the file's end: 126 to 85 MB in
 * one run). During back-to-back runs (one a second for four minutes) the file still grew, by about
 * 0.5 MB a run: H2 rewrites no chunk younger than its retention time (45 s) and, it seems, frees
 * little while runs keep transactions open; ten times as many attempts per turn did not help.
 *
 * <p>Each {@link #run() turn}, when less than {@value #TARGET_FILL_PERCENT}% of the chunks' space is
 * live, rewrites the live pages of sparse chunks into new ones (H2's own online compaction,
 * {@link MVStore#compact(int, int)}), {@value #WRITE_LIMIT_BYTES} bytes at most per pass, passes for
 * up to {@value #BUDGET_MILLIS} ms; the chunks emptied so become free space the file reuses (and
 * gives back at its end). Chunks written within H2's retention time (45 s by default) are left for
 * a later turn. Does nothing for a database that is not an H2 file served by this process (only the
 * process serving it can). Runs and commits go on meanwhile: H2 rewrites pages under its own locks,
 * as its background writer would.
 */
final class H2FileUpkeep implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileUpkeep.class);

    /** Below this share of live data in the chunks, a turn compacts. */
    static final int TARGET_FILL_PERCENT = 80;

    /** At most this much is rewritten per pass. */
    static final int WRITE_LIMIT_BYTES = 16 << 20;

    /** A turn stops starting passes after this long. */
    static final long BUDGET_MILLIS = 1_000;

    /**
     * A turn ends after this many passes that rewrote nothing (nothing old enough to rewrite, or
     * H2's store busy with a commit: it compacts only while no commit holds it).
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
     * One turn: compacts when the chunks are sparse.
     *
     * @return how many passes rewrote pages (0 when the file was dense enough, or is not an H2 file
     *     served by this process)
     */
    int compact() throws SQLException, InterruptedException {
        try (Connection connection = database.connect()) {
            MVStore store = servedStore(connection);
            if (store == null) {
                return 0;
            }
            int before = store.getFileStore().getChunksFillRate();
            int passes = 0;
            long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
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
            if (passes > 0) {
                LOG.debug("Compacted the database file: {}% of its chunks' space live before, {}% after {} passes",
                        before, store.getFileStore().getChunksFillRate(), passes);
            }
            return passes;
        }
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
