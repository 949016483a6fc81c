package org.syncline.sync.state;

import java.time.Duration;
import java.time.Instant;

/**
 * The totals of one run, in the spirit of {@code rsync --stats}.
 *
 * @param scanned   entries scanned over all paths
 * @param copied    files copied
 * @param deleted   entries deleted
 * @param archived  entries moved to an archive folder
 * @param moved     files not copied but renamed on their target, from a file the plan removed
 *                  there that held the same bytes (each also counted neither as copied nor deleted)
 * @param conflicts conflicts found
 * @param skipped   entries left alone on purpose
 * @param errors    actions that failed
 * @param bytes     bytes copied
 * @param cancelled whether the run was cancelled (by the user or the mass-delete guard)
 * @param message   why it was cancelled, or empty
 */
public record RunSummary(Instant start, Instant end, long scanned, long copied, long deleted, long archived,
                         long moved, long conflicts, long skipped, long errors, long bytes, boolean cancelled,
                         String message) {

    /** The totals of a run that moved nothing. */
    public RunSummary(Instant start, Instant end, long scanned, long copied, long deleted, long archived,
                      long conflicts, long skipped, long errors, long bytes, boolean cancelled, String message) {
        this(start, end, scanned, copied, deleted, archived, 0, conflicts, skipped, errors, bytes, cancelled, message);
    }

    /** Whether the run did everything it planned. */
    public boolean succeeded() {
        return errors == 0 && !cancelled;
    }

    public Duration elapsed() {
        return Duration.between(start, end);
    }
}
