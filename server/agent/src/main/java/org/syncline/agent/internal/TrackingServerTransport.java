package org.syncline.agent.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.thrift.transport.TServerTransport;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A Thrift server transport over any bound {@link ServerSocket} (plain or TLS) that remembers
 * the connections it accepted, so that stopping the server can close them: otherwise a
 * worker blocked reading from an idle client would hold up the shutdown.
 */
public final class TrackingServerTransport extends TServerTransport {

    private final ServerSocket serverSocket;
    private final Set<TrackedSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public TrackingServerTransport(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    /** The port actually listened on (useful when bound to port 0). */
    public int localPort() {
        return serverSocket.getLocalPort();
    }

    /** The number of accepted connections not closed yet. */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void listen() {
        // The socket is bound when this transport is made.
    }

    @Override
    public TTransport accept() throws TTransportException {
        Socket socket;
        try {
            socket = serverSocket.accept();
        } catch (IOException e) {
            throw new TTransportException(TTransportException.NOT_OPEN, "accept failed", e);
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            TrackedSocket tracked = new TrackedSocket(socket);
            open.add(tracked);
            if (closed) {
                tracked.close();
            }
            return tracked;
        } catch (IOException | TTransportException e) {
            closeQuietly(socket);
            throw new TTransportException(TTransportException.NOT_OPEN, "accept failed", e);
        }
    }

    /** Stops accepting. Accepted connections stay open; see {@link #closeConnections()}. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
    }

    @Override
    public void interrupt() {
        close();
    }

    /** Closes every accepted connection; calls in progress on them fail. */
    public void closeConnections() {
        for (TrackedSocket socket : open) {
            socket.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing on the way down: there is nothing more to do with the error.
        }
    }

    private final class TrackedSocket extends TSocket {

        TrackedSocket(Socket socket) throws TTransportException {
            super(socket);
        }

        @Override
        public void close() {
            open.remove(this);
            super.close();
        }
    }
}
