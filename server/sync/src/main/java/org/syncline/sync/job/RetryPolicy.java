package org.syncline.sync.job;

import java.time.Duration;

/** How often a failed file operation is tried again, and how long to wait in between. */
public record RetryPolicy(int retries, Duration delay) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

    public RetryPolicy {
        if (retries < 0 || delay.isNegative()) {
            throw new IllegalArgumentException("retries and delay must not be negative");
        }
    }
}
