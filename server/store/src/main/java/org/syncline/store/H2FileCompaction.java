package org.syncline.store;

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
 * Compacts an H2 file that this process serves: rewrites the live pages of sparse chunks into new
 * ones ({@link MVStore#compact(int, int)}), then moves chunks from the file's end into its free
 * space ({@link RandomAccessStore#compactMoveChunks(int, long, MVStore)}) and gives back what is
 * then free at its end: what H2's background writer would do, which Syncline turns off.
 *
 * <p>A command that serves an H2 file itself (no engine or workbench holds it) opens it with
 * {@code REUSE_SPACE=FALSE} ({@link DatabaseJobStorageProvider}): H2 then writes every commit at the
 * file's end, never into free space in its middle, where a process killed while H2 wrote there could
 * come back without its last commits, even ones forced to disk (bench/README.md,
 * "h2-kill-recovery": 15 of 570 kills with H2's default, none of 400 without reuse). Every process
 * now recovers those commits when it opens such a file (the persistence layer's
 * {@code H2FileRecovery}); writing at the end stays as a second guard. It compacts the file when it
 * opens it ({@link #atOpen}). Free space is written into only by the passes made here,
 * under H2's store lock (commits wait meanwhile), with reuse turned on for the pass and H2 forcing
 * the file to disk before it overwrites anything. An engine keeps H2's reuse: written at its end
 * only, an engine's file grew without bound under back-to-back runs (567 MB in 4 minutes), as these
 * passes, every 10 s ({@code H2FileUpkeep}), cannot move chunks as fast as such runs append them.
 */
public final class H2FileCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

    /** Below this share of live data in the chunks, or of used space in the file, it compacts. */
    public static final int TARGET_FILL_PERCENT = 80;

    /** At most this much is rewritten per pass. */
    static final int WRITE_LIMIT_BYTES = 16 << 20;

    /**
     * At most this much is moved per pass (each pass holds H2's store, and so commits, for its
     * duration: 45-240 ms for 16 MB measured here).
     */
    static final int MOVE_LIMIT_BYTES = 8 << 20;

    /**
     * Rewriting ends after this many passes that rewrote nothing (nothing old enough to rewrite, or
     * H2's store busy with a commit: it compacts only while no commit holds it); moving, after this
     * many passes in a row that gave nothing back.
     */
    static final int ATTEMPTS = 5;

    private static final long RETRY_MILLIS = 20;

    /** How long a one-shot command compacts the file when it opens it, at most. */
    static final long AT_OPEN_BUDGET_MILLIS = 500;

    private H2FileCompaction() {
    }

    /**
     * Compacts the file of {@code database} when a command opens it, for up to
     * {@value #AT_OPEN_BUDGET_MILLIS} ms: it gives back what earlier commands appended (writing only
     * at the file's end, see above, each run leaves what it replaced behind it). As H2 does when it
     * closes a file, chunks the earlier commands left dead are freed whatever their age (H2's retention
     * time, 45 s, is for a process still writing; those commands are done, and H2 forces the file to
     * disk before it overwrites anything). A failure is logged, never thrown: the file is then only
     * larger.
     */
    public static void atOpen(SynclineDatabase database) {
        compactOrLog(database, AT_OPEN_BUDGET_MILLIS, true);
    }

    /**
     * {@link #compact} for a process that goes on whatever happens (an engine's upkeep): a failure is
     * logged, never thrown; an interruption is kept for the caller to see.
     */
    public static void compactOrLog(SynclineDatabase database, long budgetMillis) {
        compactOrLog(database, budgetMillis, false);
    }

    private static void compactOrLog(SynclineDatabase database, long budgetMillis, boolean anyAge) {
        try {
            compact(database, budgetMillis, anyAge);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not compact the database file: {}", e.toString());
        }
    }

    /**
     * Compacts for up to {@code budgetMillis}: rewrites sparse chunks, then moves chunks into the free
     * space nearer the file's start.
     *
     * @return how many passes rewrote or moved pages (0 when the file was dense enough, or is not an
     *     H2 file served by this process)
     */
    public static int compact(SynclineDatabase database, long budgetMillis) throws SQLException, InterruptedException {
        return compact(database, budgetMillis, false);
    }

    /** @param anyAge whether dead chunks are freed whatever their age (H2's retention time 0 meanwhile) */
    private static int compact(SynclineDatabase database, long budgetMillis, boolean anyAge)
            throws SQLException, InterruptedException {
        try (Connection connection = database.connect()) {
            MVStore store = servedStore(connection);
            if (store == null) {
                return 0;
            }
            long start = System.nanoTime();
            long deadline = start + budgetMillis * 1_000_000;
            FileStore<?> file = store.getFileStore();
            int chunksBefore = file.getChunksFillRate();
            int fileBefore = file.getFillRate();
            long sizeBefore = file.size();
            int retention = file.getRetentionTime();
            if (anyAge) {
                file.setRetentionTime(0);
            }
            int passes;
            try {
                passes = rewriteSparseChunks(store, deadline);
                if (file instanceof RandomAccessStore randomAccess) {
                    passes += moveChunksForward(store, randomAccess, deadline);
                }
            } finally {
                file.setRetentionTime(retention);
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
            if (reusingSpace(store, () -> store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES) && store.commit() >= 0)) {
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
            // H2 forces the file to disk before it overwrites anything.
            reusingSpace(store, () -> {
                file.compactMoveChunks(TARGET_FILL_PERCENT, MOVE_LIMIT_BYTES, store);
                return true;
            });
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

    /**
     * Runs {@code pass} under H2's store lock with its free space to be written into, as it is with
     * H2's defaults, and no other writes meanwhile: H2 drops dead chunks, and moves and rewrites
     * pages into free space, only then (see the class comment).
     */
    private static boolean reusingSpace(MVStore store, java.util.function.BooleanSupplier pass) {
        boolean[] done = new boolean[1];
        store.executeFilestoreOperation(() -> {
            FileStore<?> file = store.getFileStore();
            boolean reused = file.isSpaceReused();
            file.setReuseSpace(true);
            try {
                done[0] = pass.getAsBoolean();
            } finally {
                file.setReuseSpace(reused);
            }
        });
        return done[0];
    }

    /** The store of an H2 file this process serves; {@code null} for any other database. */
    static MVStore servedStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
            return null;
        }
        MVStore store = local.getDatabase().getStore().getMvStore();
        return store.isPersistent() && !store.isReadOnly() && !store.isClosed() ? store : null;
    }
}
