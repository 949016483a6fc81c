package org.syncline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.agent.AgentServer;
import org.syncline.agent.AgentSettings;
import org.syncline.agent.ServedRoot;
import picocli.CommandLine;

/** {@code syncline agent-hello} against a real agent on a loopback socket. */
class AgentHelloCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsWhoTheAgentIsAndItsRoots() throws Exception {
        Path docs = Files.createDirectory(dir.resolve("docs"));
        AgentServer agent = new AgentServer(new AgentSettings("files-cluster", "127.0.0.1", 0,
                List.of(new ServedRoot("docs", docs)), "4.5.6-test", 4));
        agent.start();
        try {
            assertEquals(0, run("agent-hello", "127.0.0.1:" + agent.port()), err.toString());
        } finally {
            agent.stop();
        }
        String text = out.toString();
        assertTrue(text.startsWith("files-cluster (host "), text);
        assertTrue(text.contains("Syncline 4.5.6-test, protocol 1)"), text);
        assertTrue(text.contains("root docs"), text);
        assertTrue(text.contains(docs.toString()), text);
    }

    @Test
    void noAgentListeningIsAFailureThatSaysWhatToCheck() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(1, run("agent-hello", "127.0.0.1:" + closedPort, "--timeout", "2"));
        assertTrue(err.toString().contains("no agent answers at 127.0.0.1:" + closedPort), err.toString());
        assertTrue(err.toString().contains("Is the agent running"), err.toString());
    }

    @Test
    void badPortIsAUsageError() {
        assertEquals(2, run("agent-hello", "127.0.0.1:port"));
        assertTrue(err.toString().contains("'port' is not a port number"), err.toString());
    }

    private int run(String... args) {
        CommandLine commandLine = SynclineCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
