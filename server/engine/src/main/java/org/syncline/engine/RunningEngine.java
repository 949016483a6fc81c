package org.syncline.engine;

import java.time.Instant;

/**
 * What the API reports about this engine process. Thread-safe: the start time is written
 * once per start and read by request threads.
 */
public final class RunningEngine {

    private final String name;
    private final String version;
    private volatile Instant startedAt;

    public RunningEngine(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** When the engine last started, or {@code null} before its first start. */
    public Instant startedAt() {
        return startedAt;
    }

    void markStarted(Instant when) {
        startedAt = when;
    }
}
