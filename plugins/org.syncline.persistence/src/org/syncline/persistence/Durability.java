package org.syncline.persistence;

import java.sql.SQLException;
import java.sql.Statement;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a committed transaction durable at once where the database does not do it by itself.
 *
 * <p>H2 may write a commit to its file later than the commit returns (by default up to half a
 * second, from a background thread: an H2 server, or a file URL setting its own
 * {@code WRITE_DELAY}), and even a written commit is not forced to the disk. What a run reports
 * (its saved state, that it started and how it ended) must outlive the run, also through a kill or
 * a power cut, so on H2 such a commit is followed by a checkpoint that writes and forces the file.
 * The other databases make commits durable themselves. Committed is committed: a checkpoint that
 * fails is only logged.
 */
final class Durability {

    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

    private Durability() {
    }

    /** Forces what {@code session} committed; {@code what} names it in a warning when that fails. */
    static void force(SqlSession session, String what) {
        if (!"h2".equals(session.getConfiguration().getDatabaseId())) {
            return;
        }
        try (Statement checkpoint = session.getConnection().createStatement()) {
            checkpoint.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            // Committed all the same: H2's own writer stores it within its delay.
            LOG.warn("{} could not be forced to disk at once: {}", what, e.getMessage());
        }
    }
}
