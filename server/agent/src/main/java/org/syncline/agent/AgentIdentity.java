package org.syncline.agent;

import java.util.List;
import java.util.Objects;

/**
 * Who an agent is and what it serves, as it introduces itself to clients.
 *
 * @param name the agent's configured name: its host name, or a cluster's network name
 * @param hostName the name of the machine the agent runs on
 * @param version the Syncline release of the agent
 * @param protocolVersion the agent protocol version it speaks
 * @param roots the roots it serves, in configuration order
 */
public record AgentIdentity(String name, String hostName, String version, int protocolVersion,
        List<ServedRoot> roots) {

    public AgentIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(version, "version");
        roots = List.copyOf(roots);
    }
}
