package org.syncline.sync.state;

import java.time.Instant;

/**
 * One row of a run's per-file log.
 *
 * @param time    when it ended
 * @param action  what was (to be) done: the name of an {@link org.syncline.sync.plan.ActionType}, such
 *                as COPY or DELETE, {@value #ACLS}, {@value #GUARD} or {@value #MOVE}
 * @param path    relative path
 * @param replica the path (replica) it was done on, as the user knows it
 * @param outcome how it ended
 * @param bytes   bytes transferred
 * @param message details in the user's words, or empty
 */
public record FileAction(Instant time, String action, String path, String replica, Outcome outcome, long bytes,
                         String message) {

    /** ACLs and extended attributes could not be kept on a path (its message says why). */
    public static final String ACLS = "ACLS";
    /** The mass-delete guard warned about or cancelled the run. */
    public static final String GUARD = "GUARD";
    /**
     * A copy carried out by renaming a file that the run removed from the same path and that held
     * the same bytes (its message names the file).
     */
    public static final String MOVE = "MOVE";
}
