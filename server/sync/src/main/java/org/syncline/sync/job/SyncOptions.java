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
 * @param copyAcls        whether ACLs and extended attributes travel with every copied file and every
 *                        created folder (between replicas of the same platform; see
 *                        {@link org.syncline.sync.replica.ExtendedAttributes}): read from the source
 *                        and applied to the new file before it appears at its path
 * @param checkAcls       whether the scan also reads the ACLs and extended attributes of every file
 *                        and folder, so that a change of them alone (modification time and size
 *                        unchanged) is found and updated. Costs at least one system call per entry
 *                        and replica, hence off by default: without it they are only copied with a
 *                        file's content or a folder's creation. Compared under the rules with a
 *                        master ({@link Rule#MIRROR} and the master-copy rules); rules without one
 *                        cannot tell which side's ACL changed (the synchronized state does not keep
 *                        ACLs), so there an ACL travels with the next content change. Needs
 *                        {@code copyAcls}
 * @param checksum        whether files are compared by content hash as well, reading every file
 * @param lockFiles       whether files are locked while they are copied: the source under a shared lock
 *                        (a file another program holds locked, which it may be writing, is not copied
 *                        this time), a file being replaced under an exclusive one (a file in use is not
 *                        replaced this time), where the replica can lock files
 * @param deleteOlderThan for {@link Rule#DELETE}: only files last modified longer ago than this;
 *                        {@code null} for no age limit
 * @param parallelCopies  how many files are copied at the same time
 */
public record SyncOptions(ConflictPolicy conflictPolicy, DeleteHandling deleteHandling, boolean archiveReplaced,
                          Retention retention, MassDeleteGuard massDeleteGuard, RetryPolicy retryPolicy,
                          boolean copyPermissions, boolean copyAcls, boolean checkAcls, boolean checksum,
                          boolean lockFiles, Duration deleteOlderThan, int parallelCopies) {

    /**
     * Files copied at the same time unless a run asks otherwise ({@code syncline sync --parallel}):
     * copying is bound by waiting for disks, so more than the cores. On this project's 2-core test
     * machine 16 and 32 copied 20,000 files no faster than 8 (within the noise).
     */
    public static final int DEFAULT_PARALLEL_COPIES = 8;

    public SyncOptions {
        if (parallelCopies < 1) {
            throw new IllegalArgumentException("parallel copies must be at least 1");
        }
        if (checkAcls && !copyAcls) {
            throw new IllegalArgumentException("ACLs cannot be compared when they are not copied");
        }
    }

    /**
     * Newest wins, deletions propagate, no archive, no guard, no retries, permissions and ACLs copied
     * (ACLs not compared), {@value #DEFAULT_PARALLEL_COPIES} parallel copies.
     */
    public static SyncOptions defaults() {
        return new SyncOptions(ConflictPolicy.NEWEST_WINS, DeleteHandling.PROPAGATE, false, Retention.KEEP_ALL,
                MassDeleteGuard.OFF, RetryPolicy.NONE, true, true, false, false, false, null,
                DEFAULT_PARALLEL_COPIES);
    }

    public SyncOptions withConflictPolicy(ConflictPolicy policy) {
        return new SyncOptions(policy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withDeleteHandling(DeleteHandling handling) {
        return new SyncOptions(conflictPolicy, handling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withArchiveReplaced(boolean archive, Retention keep) {
        return new SyncOptions(conflictPolicy, deleteHandling, archive, keep, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withRetention(Retention keep) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, keep, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withMassDeleteGuard(MassDeleteGuard guard) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, guard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withRetryPolicy(RetryPolicy retries) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retries,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withCopyPermissions(boolean copy) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copy, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    /** Whether ACLs and extended attributes are copied ({@code false} also stops comparing them). */
    public SyncOptions withCopyAcls(boolean copy) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copy, copy && checkAcls, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    /** Whether ACLs and extended attributes are compared on every scan (and therefore copied). */
    public SyncOptions withCheckAcls(boolean check) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls || check, check, checksum, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withChecksum(boolean compareContent) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, compareContent, lockFiles, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withLockFiles(boolean lock) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lock, deleteOlderThan, parallelCopies);
    }

    public SyncOptions withDeleteOlderThan(Duration age) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, age, parallelCopies);
    }

    public SyncOptions withParallelCopies(int count) {
        return new SyncOptions(conflictPolicy, deleteHandling, archiveReplaced, retention, massDeleteGuard, retryPolicy,
                copyPermissions, copyAcls, checkAcls, checksum, lockFiles, deleteOlderThan, count);
    }
}
