package org.syncline.sync.job;

/** What a deletion decided by the rule does on a path. */
public enum DeleteHandling {
    /** Delete the file. */
    PROPAGATE,
    /** Move the file to the path's archive folder, subject to the job's {@link Retention}. */
    ARCHIVE,
    /** Never delete: the file stays. */
    NEVER
}
