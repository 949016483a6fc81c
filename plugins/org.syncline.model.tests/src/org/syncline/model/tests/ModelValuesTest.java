package org.syncline.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.syncline.model.tests.ModelFixtures.FACTORY;

import org.junit.jupiter.api.Test;
import org.syncline.model.Machine;
import org.syncline.model.MachineConnection;
import org.syncline.model.Secret;

class ModelValuesTest {

    @Test
    void secretNeverShowsItsClearText() {
        Secret secret = Secret.of("hunter2");
        assertEquals("********", secret.toString());
        assertEquals("hunter2", secret.reveal());
        assertEquals(Secret.of("hunter2"), secret);
        assertNotEquals(Secret.of("hunter3"), secret);
        Machine machine = ModelFixtures.machine("Alpha");
        machine.setPassword(secret);
        assertEquals(-1, machine.toString().indexOf("hunter2"), machine.toString());
    }

    @Test
    void agentAddressPrefersTheFirstConnection() {
        Machine machine = ModelFixtures.machine("Alpha");
        assertEquals("alpha.example.org:9033", machine.getAgentAddress());
        MachineConnection connection = FACTORY.createMachineConnection();
        connection.setHost("10.0.0.7");
        connection.setPort(9100);
        machine.getConnections().add(connection);
        assertEquals("10.0.0.7:9100", machine.getAgentAddress());
    }

    @Test
    void agentAddressIsNoneWithoutHost() {
        Machine machine = FACTORY.createMachine();
        assertNull(machine.getAgentAddress());
    }
}
