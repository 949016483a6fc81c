package org.syncline.model.internal;

import org.syncline.model.Machine;
import org.syncline.model.MachineConnection;

/**
 * Values the model derives from other features. The generated getters of derived features
 * delegate here (see the {@code get} annotations in {@code model/syncline.ecore}).
 */
public final class DerivedValues {

    private DerivedValues() {
    }

    /**
     * The {@code host:port} a client uses first to reach the machine's agent: the first listed
     * connection, else the machine's host name and agent port; {@code null} when neither names a host.
     */
    public static String agentAddress(Machine machine) {
        for (MachineConnection connection : machine.getConnections()) {
            if (connection.getHost() != null && !connection.getHost().isBlank()) {
                return connection.getHost() + ":" + connection.getPort();
            }
        }
        if (machine.getHostName() == null || machine.getHostName().isBlank()) {
            return null;
        }
        return machine.getHostName() + ":" + machine.getAgentPort();
    }
}
