package org.syncline.agent.internal;

import java.nio.file.Path;
import java.util.List;
import org.syncline.agent.AgentIdentity;
import org.syncline.agent.ServedRoot;
import org.syncline.protocol.agent.AgentInfo;

/**
 * Converts between the agent's domain types and the generated Thrift types. Generated types
 * never travel past this class.
 */
public final class AgentWire {

    private AgentWire() {
    }

    public static AgentInfo toWire(AgentIdentity identity) {
        List<org.syncline.protocol.agent.ServedRoot> roots = identity.roots().stream()
                .map(AgentWire::toWire)
                .toList();
        return new AgentInfo(identity.name(), identity.hostName(), identity.version(),
                identity.protocolVersion(), roots);
    }

    /**
     * @throws MalformedReplyException if a required field is missing or a root is invalid
     */
    public static AgentIdentity fromWire(AgentInfo info) {
        requireSet(info.isSetName(), "name");
        requireSet(info.isSetHostName(), "hostName");
        requireSet(info.isSetVersion(), "version");
        requireSet(info.isSetProtocolVersion(), "protocolVersion");
        requireSet(info.isSetRoots(), "roots");
        List<ServedRoot> roots = info.getRoots().stream().map(AgentWire::fromWire).toList();
        return new AgentIdentity(info.getName(), info.getHostName(), info.getVersion(),
                info.getProtocolVersion(), roots);
    }

    public static org.syncline.protocol.agent.ServedRoot toWire(ServedRoot root) {
        return new org.syncline.protocol.agent.ServedRoot(root.name(), root.path().toString());
    }

    /**
     * @throws MalformedReplyException if a field is missing or the root is invalid
     */
    public static ServedRoot fromWire(org.syncline.protocol.agent.ServedRoot root) {
        requireSet(root.isSetName(), "root.name");
        requireSet(root.isSetPath(), "root.path");
        try {
            return new ServedRoot(root.getName(), Path.of(root.getPath()));
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException("invalid served root: " + e.getMessage(), e);
        }
    }

    private static void requireSet(boolean set, String field) {
        if (!set) {
            throw new MalformedReplyException("required field '" + field + "' is missing");
        }
    }
}
