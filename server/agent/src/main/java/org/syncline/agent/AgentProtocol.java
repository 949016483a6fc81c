package org.syncline.agent;

import org.syncline.protocol.agent.agentConstants;

/** Facts about the agent protocol that code outside the protocol edge may need. */
public final class AgentProtocol {

    /** The protocol version this build speaks. */
    public static final int VERSION = agentConstants.PROTOCOL_VERSION;

    /** The port an agent listens on unless configured otherwise. */
    public static final int DEFAULT_PORT = 9033;

    /** The largest frame either side accepts; a larger announced frame closes the connection. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private AgentProtocol() {
    }
}
