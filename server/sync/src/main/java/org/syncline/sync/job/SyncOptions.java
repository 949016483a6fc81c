package org.syncline.sync.job;

import java.time.Duration;

/**
 * How a job treats conflicts, deletions, replaced files, failures and attributes. Immutable; the
 * {@code with...} methods return changed copies.
 *
 * @param conflictPolicy  for the rules that detect conflicts
 * @param deleteHandling  what a deletion does
 * @param archiveReplaced whether a file overwritten by the sync is first kept in the archive folder
 * @param retention       how long archived versions stay
 * @param massDeleteGuard warn / cancel thresholds for deletions
 * @param retryPolicy     per-file retries
 * @param copyPermissions whether POSIX permission bits are copied (modification times always are:
 *                        they are how an unchanged file is recognized without reading it)
 * @param checksum        whether files are compared by content hash as well, reading every file
 * @param deleteOlderThan for {@link Rule#DELETE}: only files last modified longer ago than this;
 *                        {@code null} for no age limit
 * @param parallelCopies  how many files are copied at the same time
 */
public record SyncOptions(ConflictPolicy conflictPolicy, DeleteHandling deleteHandling, boolean archiveReplaced,
                          Retention retention, MassDeleteGuard massDeleteGuard, RetryPolicy retryPolicy,
                          boolean copyPermissions, boolean checksum, Duration deleteOlderThan, int parallelCopies) {

    public SyncOptions {
        if (parallelCopies < 1) {
            throw new IllegalArgumentException("parallel copies must be at least 1");
        }
    }

    /** Newest wins, deletions propagate, no archive, no guard, no retries, permissions copied, 4 parallel copies. */
    public static SyncOptions defaults() {
        return new SyncOptions(ConflictPolicy.NEWEST_WINS, DeleteHandling.PROPAGATE, false, Retention.KEEP_ALL,
                MassDeleteGuard.OFF, RetryPolicy.NONE, true, false, null, 4);
    }

    public SyncOptions withConflictPolicy(ConflictPolicy policy) {
        return new SyncOptions(policy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withDeleteHandling(DeleteHandling handling) {
        return new SyncOptions(conflictPolicy, handling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withArchiveReplaced(boolean archive, Retention keep) {
        return new SyncOptions(conflictPolicy, deleteHandling, archive, keep, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withRetention(Retention keep) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, keep, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withMassDeleteGuard(MassDeleteGuard guard) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, guard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withRetryPolicy(RetryPolicy retries) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retries,
                copyPermissions, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withCopyPermissions(boolean copy) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copy, checksum, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withChecksum(boolean compareContent) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, compareContent, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withDeleteOlderThan(Duration age) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, age, parallelCopies);
    }

    public SyncOptions withParallelCopies(int count) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, checksum, deleteOlderThan, count);
    }
}
