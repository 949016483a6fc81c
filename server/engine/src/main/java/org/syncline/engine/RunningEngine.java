package org.syncline.engine;

import java.time.Instant;

/**
 * What the API reports about this engine process. Thread-safe: the start time is written
 * once per start and read by request threads.
 */
public final class RunningEngine {

    private final String name;
    private final String version;
    private final EngineDatabase database;
    private volatile Instant startedAt;

    /** @param database the engine's database, or {@code null} for none */
    public RunningEngine(String name, String version, EngineDatabase database) {
        this.name = name;
        this.version = version;
        this.database = database;
    }

    /** The engine's database, or {@code null} when it runs without one. */
    public EngineDatabase database() {
        return database;
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
