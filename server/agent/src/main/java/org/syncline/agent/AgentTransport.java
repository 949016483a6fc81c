package org.syncline.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Makes the sockets the agent protocol runs over. The protocol stack above is the same for
 * every transport, so plain TCP and TLS differ only in the implementation of this interface.
 * Implementations are thread-safe.
 */
public interface AgentTransport {

    /**
     * Opens a listening socket.
     *
     * @param address where to listen; port 0 picks a free port
     * @param backlog the queue length for connections not yet accepted
     * @throws IOException if the address cannot be bound
     */
    ServerSocket bind(InetSocketAddress address, int backlog) throws IOException;

    /**
     * Connects to an agent. The socket's read timeout is set to {@code timeout}.
     *
     * @throws IOException if the connection cannot be made within {@code timeout}
     */
    Socket connect(InetSocketAddress address, Duration timeout) throws IOException;

    /** A short name for logs, such as {@code tcp} or {@code tls}. */
    String name();
}
