package org.syncline.persistence.internal.mappers;

import org.apache.ibatis.annotations.Param;
import org.syncline.persistence.JobLease;

/**
 * The leases of job runs. Every time is the database's own clock in UTC, never the caller's:
 * processes on several machines compare the same clock.
 */
public interface JobLeaseMapper {

    /**
     * Claims the lease of {@code job} for {@code holder} in one statement, unless another holder's
     * lease has not expired; the fencing token grows by one with every claim.
     *
     * @return the new fencing token, or {@code null} when the lease is held
     */
    Long claim(@Param("job") String job, @Param("holder") String holder, @Param("millis") long leaseMillis);

    /** Moves the expiry of the lease with this token on; 0 rows when it is no longer this token's. */
    int renew(@Param("job") String job, @Param("token") long token, @Param("millis") long leaseMillis);

    /**
     * Checks, inside a transaction, that the lease is still this token's and locks its row until
     * the transaction ends; 0 rows when it is not.
     */
    int fence(@Param("job") String job, @Param("token") long token);

    /** Gives the lease with this token up; 0 rows when it is no longer this token's. */
    int release(@Param("job") String job, @Param("token") long token);

    /** The lease row of {@code job} with the database's time now, or {@code null} when it was never claimed. */
    JobLease select(@Param("job") String job);
}
