package org.syncline.agent.internal;

import org.syncline.agent.AgentIdentity;
import org.syncline.protocol.agent.AgentInfo;
import org.syncline.protocol.agent.AgentService;

/** Answers the agent protocol's calls. Thread-safe: calls arrive on many worker threads. */
public final class AgentServiceHandler implements AgentService.Iface {

    private final AgentInfo hello;

    public AgentServiceHandler(AgentIdentity identity) {
        this.hello = AgentWire.toWire(identity);
    }

    @Override
    public AgentInfo hello() {
        return hello.deepCopy();
    }

    @Override
    public long ping(long payload) {
        return payload;
    }
}
