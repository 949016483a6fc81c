package org.syncline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.syncline.agent.AgentIdentity;
import org.syncline.agent.ServedRoot;
import org.syncline.agent.client.AgentCallException;
import org.syncline.agent.client.AgentClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code syncline agent-hello HOST[:PORT]}: asks an agent who it is and what it serves.
 * Exit code 0 when the agent answered, 1 when it could not be reached or answered wrongly.
 */
@Command(name = "agent-hello", description = "Asks an agent who it is and which roots it serves.")
public final class AgentHelloCommand implements Callable<Integer> {

    private static final int DEFAULT_AGENT_PORT = 9033;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]",
            description = "The agent's address; the port defaults to " + DEFAULT_AGENT_PORT + ".")
    String address;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for the connection and the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws StartupException {
        InetSocketAddress target = parse(address);
        PrintWriter out = spec.commandLine().getOut();
        try (AgentClient client = AgentClient.connect(target, Duration.ofSeconds(timeoutSeconds))) {
            AgentIdentity agent = client.hello();
            out.printf("%s (host %s, Syncline %s, protocol %d)%n", agent.name(), agent.hostName(),
                    agent.version(), agent.protocolVersion());
            for (ServedRoot root : agent.roots()) {
                out.printf("  root %s%n", root);
            }
            out.flush();
            return 0;
        } catch (AgentCallException e) {
            throw new StartupException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StartupException("no agent answers at " + target.getHostString() + ":"
                    + target.getPort() + " (" + e.getMessage() + "). Is the agent running, and is"
                    + " the port right?", e);
        }
    }

    private InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "'" + text + "' names no host: give HOST or HOST:PORT");
        }
        int port = DEFAULT_AGENT_PORT;
        if (colon >= 0) {
            try {
                port = new PortConverter().convert(text.substring(colon + 1));
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return new InetSocketAddress(host, port);
    }
}
