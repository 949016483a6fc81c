package org.syncline.sync.job;

/**
 * How a job keeps its paths in step. The first path of a job is its master where a rule has one.
 */
public enum Rule {
    /** The master is copied to every other path, which become identical to it, deletions included. */
    MIRROR,
    /** The newest version of each file is copied to every path; nothing is deleted; no history is used. */
    RECENT_MASTER_COPY,
    /** The master overwrites files that differ on the other paths and adds missing ones; extra files stay. */
    DIFFERING_MASTER_COPY,
    /** The master copies every file to every other path, even identical ones; extra files stay. */
    FORCED_MASTER_COPY,
    /**
     * Three-way multi-directional sync against the last synchronized state: changes go everywhere,
     * a deletion propagates only for files that had been synchronized to all paths, two different
     * changes to one file are a conflict. The first run only merges and never deletes.
     */
    MULTI_MIRROR,
    /**
     * Two-way (or more) exchange against the last synchronized state: changes go everywhere, two
     * different changes are a conflict, and a file deleted on one path is restored from another.
     */
    EXCHANGING_COPIES,
    /** Purges the selected files (by masks and age) from every path. */
    DELETE,
    /** Does nothing but scan and report. */
    SKIP;

    /** Whether the first path is the master that the others follow. */
    public boolean hasMaster() {
        return this == MIRROR || this == DIFFERING_MASTER_COPY || this == FORCED_MASTER_COPY;
    }

    /** Whether this rule changes files on the path of index {@code path} (a master is only read). */
    public boolean changes(int path) {
        return this != SKIP && !(hasMaster() && path == 0);
    }

    /**
     * Whether this rule makes the path of index {@code path} follow its master: there it undoes
     * what anything else changes (a mirror also deletes what the master lacks).
     */
    public boolean follows(int path) {
        return hasMaster() && path > 0;
    }
}
