package org.syncline.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncline.agent.AgentIdentity;
import org.syncline.agent.ServedRoot;
import org.syncline.protocol.agent.AgentInfo;

class AgentWireTest {

    private final AgentIdentity identity = new AgentIdentity("fs-cluster", "node-1", "1.2.3", 7,
            List.of(new ServedRoot("docs", Path.of("/srv/docs"))));

    @Test
    void identitySurvivesTheRoundTrip() {
        assertEquals(identity, AgentWire.fromWire(AgentWire.toWire(identity)));
    }

    @Test
    void wireFieldsCarryTheDomainValues() {
        AgentInfo info = AgentWire.toWire(identity);

        assertEquals("fs-cluster", info.getName());
        assertEquals("node-1", info.getHostName());
        assertEquals("1.2.3", info.getVersion());
        assertEquals(7, info.getProtocolVersion());
        assertEquals("docs", info.getRoots().get(0).getName());
        assertEquals(Path.of("/srv/docs").toString(), info.getRoots().get(0).getPath());
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        AgentInfo info = AgentWire.toWire(identity);
        info.unsetHostName();

        MalformedReplyException e = assertThrows(MalformedReplyException.class,
                () -> AgentWire.fromWire(info));
        assertEquals("required field 'hostName' is missing", e.getMessage());
    }

    @Test
    void anInvalidRootIsRejected() {
        AgentInfo info = AgentWire.toWire(identity);
        info.getRoots().get(0).setName("../escape");

        assertThrows(MalformedReplyException.class, () -> AgentWire.fromWire(info));
    }
}
