package org.syncline.persistence;

import java.time.Instant;

/**
 * The lease that lets one process at a time run a job, as the database holds it. Times are the
 * database's clock.
 *
 * @param jobName   the job's name
 * @param holder    who claimed it last, e.g. {@code host-a (process 4242)}; {@code null} once released
 * @param token     the fencing token: grows by one with every claim
 * @param claimedAt when it was claimed last
 * @param expiresAt when it expires unless renewed; {@code null} once released
 * @param now       the database's time when this was read
 */
public record JobLease(String jobName, String holder, long token, Instant claimedAt, Instant expiresAt, Instant now) {

    /** Whether someone holds it: claimed, not released, and not expired. */
    public boolean held() {
        return expiresAt != null && expiresAt.isAfter(now);
    }
}
