package org.syncline.agent;

import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.agent.internal.AgentServiceHandler;
import org.syncline.agent.internal.TrackingServerTransport;
import org.syncline.protocol.agent.AgentService;

/**
 * The agent's network service: a thread-per-connection Thrift server speaking the agent
 * protocol (framed, strict binary) over an {@link AgentTransport}.
 *
 * <p>Life cycle: {@link #start()} binds the port and begins accepting, or throws if the port
 * cannot be bound; {@link #stop()} stops accepting, closes every connection (calls in progress
 * fail on the client side) and waits for the worker threads. A stopped server may be started
 * again. A connection that sends a malformed message is closed; the server carries on.
 */
public final class AgentServer extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    private static final int BACKLOG = 50;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final AgentSettings settings;
    private final AgentTransport transport;

    private volatile AgentIdentity identity;
    private TrackingServerTransport serverTransport;
    private TThreadPoolServer server;
    private ExecutorService workers;
    private Thread acceptor;

    /** A server on plain TCP. */
    public AgentServer(AgentSettings settings) {
        this(settings, new PlainTcpTransport());
    }

    public AgentServer(AgentSettings settings, AgentTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** The port listened on while started; -1 otherwise. */
    public int port() {
        TrackingServerTransport current = serverTransport;
        return current != null && isRunning() ? current.localPort() : -1;
    }

    /** The identity the agent introduces itself with while started; {@code null} otherwise. */
    public AgentIdentity identity() {
        return isRunning() ? identity : null;
    }

    /** The number of client connections open now. */
    public int openConnections() {
        TrackingServerTransport current = serverTransport;
        return current == null ? 0 : current.openConnections();
    }

    @Override
    protected void doStart() throws Exception {
        identity = new AgentIdentity(settings.name(), LocalHost.name(), settings.version(),
                AgentProtocol.VERSION, settings.roots());
        ServerSocket socket = transport.bind(settings.bindAddress(), BACKLOG);
        serverTransport = new TrackingServerTransport(socket);
        workers = new ThreadPoolExecutor(0, settings.maxWorkers(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedThreads("agent-worker-"));
        TThreadPoolServer.Args args = new TThreadPoolServer.Args(serverTransport)
                .processor(new AgentService.Processor<>(new AgentServiceHandler(identity)))
                .transportFactory(new TFramedTransport.Factory(AgentProtocol.MAX_FRAME_BYTES))
                .protocolFactory(new TBinaryProtocol.Factory(true, true))
                .executorService(workers)
                .stopTimeoutVal((int) STOP_WAIT_MILLIS)
                .stopTimeoutUnit(TimeUnit.MILLISECONDS);
        server = new TThreadPoolServer(args);
        acceptor = new Thread(server::serve, "agent-acceptor-" + serverTransport.localPort());
        acceptor.start();
        awaitServing();
        LOG.info("Agent '{}' listening on {} port {} ({}), serving {} root(s): {}",
                identity.name(), socket.getInetAddress().getHostAddress(),
                serverTransport.localPort(), transport.name(), identity.roots().size(),
                identity.roots());
    }

    /**
     * Waits until the Thrift server loop runs. Until then a stop request could be lost: the
     * loop clears its stop flag when it begins.
     */
    private void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (!server.isServing()) {
            if (!acceptor.isAlive() || System.nanoTime() > deadline) {
                serverTransport.close();
                throw new IllegalStateException("the agent's server loop did not start");
            }
            Thread.sleep(1);
        }
    }

    @Override
    protected void doStop() throws Exception {
        LOG.info("Agent '{}' stopping, closing {} connection(s)", identity.name(),
                serverTransport.openConnections());
        server.stop();
        serverTransport.closeConnections();
        acceptor.join(STOP_WAIT_MILLIS);
        workers.shutdownNow();
        if (!workers.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            LOG.warn("Agent worker threads still running after {} ms", STOP_WAIT_MILLIS);
        }
        server = null;
        acceptor = null;
        workers = null;
    }

    private static final class NamedThreads implements ThreadFactory {

        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
