package org.syncline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.agent.client.AgentCallException;
import org.syncline.agent.client.AgentClient;

class AgentServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private AgentServer server;
    private List<ServedRoot> roots;

    @BeforeEach
    void startServer() throws Exception {
        roots = List.of(new ServedRoot("docs", dir.resolve("docs")),
                new ServedRoot("media", dir.resolve("media")));
        server = new AgentServer(new AgentSettings("files-cluster", "127.0.0.1", 0, roots,
                "9.8.7-test", 8));
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void helloReturnsTheConfiguredIdentityOverARealConnection() throws Exception {
        try (AgentClient client = connect()) {
            AgentIdentity identity = client.hello();

            assertEquals("files-cluster", identity.name());
            assertEquals(LocalHost.name(), identity.hostName());
            assertEquals("9.8.7-test", identity.version());
            assertEquals(AgentProtocol.VERSION, identity.protocolVersion());
            assertEquals(roots, identity.roots());
        }
    }

    @Test
    void pingEchoesItsPayloadAndTheConnectionStaysUsable() throws Exception {
        try (AgentClient client = connect()) {
            assertEquals(42L, client.ping(42L));
            assertEquals(Long.MIN_VALUE, client.ping(Long.MIN_VALUE));
            assertEquals("files-cluster", client.hello().name());
        }
    }

    @Test
    void listensOnAFreePortWhenAskedForPortZero() {
        assertTrue(server.port() > 0, "port " + server.port());
    }

    @Test
    void anOversizedFrameClosesThatConnectionOnly() throws Exception {
        try (Socket raw = rawConnection()) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            assertClosedByServer(raw);
        }
        assertHelloWorks();
    }

    @Test
    void garbageInsideAFrameClosesThatConnectionOnly() throws Exception {
        try (Socket raw = rawConnection()) {
            byte[] garbage = "this is not a thrift message".getBytes(StandardCharsets.US_ASCII);
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(garbage.length);
            out.write(garbage);
            out.flush();
            assertClosedByServer(raw);
        }
        assertHelloWorks();
    }

    @Test
    void aClientThatHangsUpMidFrameDoesNotHurtOthers() throws Exception {
        try (Socket raw = rawConnection()) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(1000);
            out.write(new byte[10]);
            out.flush();
        }
        assertHelloWorks();
    }

    @Test
    void stopClosesIdleConnectionsPromptly() throws Exception {
        AgentClient idle = connect();
        idle.hello();
        assertEquals(1, server.openConnections());

        long started = System.nanoTime();
        server.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "stop took " + took);
        assertEquals(-1, server.port());
        assertThrows(AgentCallException.class, idle::hello);
        idle.close();
    }

    @Test
    void aStoppedServerRefusesConnectionsAndCanStartAgain() throws Exception {
        int port = server.port();
        server.stop();
        assertThrows(IOException.class, () -> AgentClient.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT));

        server.start();
        assertHelloWorks();
    }

    @Test
    void startFailsWhenThePortIsTaken() throws Exception {
        AgentServer second = new AgentServer(new AgentSettings("second", "127.0.0.1",
                server.port(), List.of(), "1", 1));
        assertThrows(IOException.class, second::start);
        assertHelloWorks();
    }

    private void assertHelloWorks() throws IOException {
        try (AgentClient client = connect()) {
            assertEquals("files-cluster", client.hello().name());
        }
    }

    private AgentClient connect() throws IOException {
        return AgentClient.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), TIMEOUT);
    }

    private Socket rawConnection() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private static void assertClosedByServer(Socket raw) throws IOException {
        InputStream in = raw.getInputStream();
        assertEquals(-1, in.read(), "the server should close the connection without replying");
    }
}
