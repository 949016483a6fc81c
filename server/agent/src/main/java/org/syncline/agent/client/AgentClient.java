package org.syncline.agent.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.syncline.agent.AgentIdentity;
import org.syncline.agent.AgentProtocol;
import org.syncline.agent.AgentTransport;
import org.syncline.agent.PlainTcpTransport;
import org.syncline.agent.internal.AgentWire;
import org.syncline.agent.internal.MalformedReplyException;
import org.syncline.protocol.agent.AgentService;

/**
 * One connection to an agent. Not thread-safe: use one client per thread, or serialize
 * calls. Every call fails with {@link AgentCallException} when the connection breaks, times
 * out or the agent's reply breaks the protocol; the client is unusable afterwards.
 */
public final class AgentClient implements AutoCloseable {

    private final InetSocketAddress address;
    private final TTransport transport;
    private final AgentService.Client client;

    private AgentClient(InetSocketAddress address, TTransport transport) {
        this.address = address;
        this.transport = transport;
        this.client = new AgentService.Client(new TBinaryProtocol(transport, true, true));
    }

    /** Connects over plain TCP. */
    public static AgentClient connect(InetSocketAddress address, Duration timeout)
            throws IOException {
        return connect(address, new PlainTcpTransport(), timeout);
    }

    /**
     * Connects to the agent at {@code address}.
     *
     * @param timeout for connecting and for each call's reply
     * @throws IOException if the connection cannot be made
     */
    public static AgentClient connect(InetSocketAddress address, AgentTransport socketTransport,
            Duration timeout) throws IOException {
        Socket socket = socketTransport.connect(address, timeout);
        try {
            TTransport framed = new TFramedTransport(new TSocket(socket),
                    AgentProtocol.MAX_FRAME_BYTES);
            return new AgentClient(address, framed);
        } catch (TException e) {
            socket.close();
            throw new AgentCallException("cannot open a connection to " + address, e);
        }
    }

    /** Asks the agent who it is and what it serves. */
    public AgentIdentity hello() throws AgentCallException {
        try {
            return AgentWire.fromWire(client.hello());
        } catch (TException | MalformedReplyException e) {
            throw new AgentCallException("hello to " + address + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends {@code payload} and returns the agent's echo of it. */
    public long ping(long payload) throws AgentCallException {
        try {
            return client.ping(payload);
        } catch (TException e) {
            throw new AgentCallException("ping to " + address + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
