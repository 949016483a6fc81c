package org.syncline.engine;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an engine runs.
 *
 * @param name the engine's name, shown to the workbench and in health reports
 * @param bindHost the address the REST API listens on; {@code null} or blank for all
 *     interfaces
 * @param port the REST API's TCP port, 0 for any free port
 * @param version the Syncline release reported by the API
 * @param stopTimeout how long a stop waits for requests in progress to finish
 * @param accessFile where the engine writes its address and access token for
 *     {@code syncline sync --engine} while it runs ({@code EngineAccess}); {@code null} for nowhere
 */
public record EngineSettings(String name, String bindHost, int port, String version,
        Duration stopTimeout, Path accessFile) {

    /** The port the REST API listens on unless configured otherwise. */
    public static final int DEFAULT_PORT = 9032;

    /** The default for {@link #stopTimeout()}. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException if a value is out of range */
    public EngineSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (name.isBlank()) {
            throw new IllegalArgumentException("engine name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative");
        }
    }

    /** Settings of an engine that writes no access file. */
    public EngineSettings(String name, String bindHost, int port, String version, Duration stopTimeout) {
        this(name, bindHost, port, version, stopTimeout, null);
    }

    /** The socket address the REST API listens on. */
    public InetSocketAddress bindAddress() {
        return bindHost == null || bindHost.isBlank()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(bindHost, port);
    }
}
