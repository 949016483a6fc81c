package org.syncline.sync.exec;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running execution to stop: no new action starts, copies in progress abort (their temporary
 * files are removed, the targets stay as they were), and only what completed is recorded as
 * synchronized. Thread-safe.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
