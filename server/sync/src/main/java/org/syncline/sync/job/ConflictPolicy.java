package org.syncline.sync.job;

/** What happens when a file was changed differently on several paths since the last sync. */
public enum ConflictPolicy {
    /** The newest version goes everywhere; the others are archived and the run logs the conflict. */
    NEWEST_WINS,
    /** The newest version keeps the name; each other version is kept as {@code name.conflict-<machine>-<time>.ext}. */
    KEEP_BOTH,
    /** Nothing is changed for that file; the run reports a warning until someone resolves it. */
    WARN_AND_SKIP
}
