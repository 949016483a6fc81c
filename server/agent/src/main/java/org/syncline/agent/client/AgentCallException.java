package org.syncline.agent.client;

import java.io.IOException;

/** A call to an agent failed: connection lost, timed out, or a reply broke the protocol. */
public final class AgentCallException extends IOException {

    private static final long serialVersionUID = 1L;

    public AgentCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
