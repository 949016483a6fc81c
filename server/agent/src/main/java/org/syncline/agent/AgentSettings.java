package org.syncline.agent;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an agent runs.
 *
 * @param name the name the agent introduces itself with (host name or cluster network name)
 * @param bindHost the address to listen on; {@code null} or blank for all interfaces
 * @param port the TCP port, 0 for any free port
 * @param roots the roots to serve; names are unique
 * @param version the Syncline release reported to clients
 * @param maxWorkers the most connections served at once
 */
public record AgentSettings(String name, String bindHost, int port, List<ServedRoot> roots,
        String version, int maxWorkers) {

    /** The default for {@link #maxWorkers()}. */
    public static final int DEFAULT_MAX_WORKERS = 64;

    /** @throws IllegalArgumentException if a value is out of range or a root name repeats */
    public AgentSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
        }
        roots = List.copyOf(roots);
        Set<String> names = new HashSet<>();
        for (ServedRoot root : roots) {
            if (!names.add(root.name())) {
                throw new IllegalArgumentException("root name '" + root.name() + "' is used twice");
            }
        }
    }

    /** The socket address to listen on. */
    public InetSocketAddress bindAddress() {
        return bindHost == null || bindHost.isBlank()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(bindHost, port);
    }
}
