package org.syncline.persistence;

/**
 * The claim a run writes its results under: the job's lease with the fencing token the run got
 * when it claimed it ({@link JobLeaseStore#claim}). A write fenced by it goes through only while
 * the token is still the job's, so a run that lost its claim (cut off from the database until its
 * lease expired and another run took the job over) can never overwrite the newer run's results.
 *
 * @param job the job's name, as claimed
 * @param token the fencing token the claim returned
 */
public record RunFence(String job, long token) {
}
