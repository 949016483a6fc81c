package org.syncline.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.engine.rest.EngineApplication;

/**
 * The engine's network service: the REST API under {@code /api/v1} on Jetty.
 *
 * <p>Life cycle: {@link #start()} binds the port or throws; {@link #stop()} stops accepting
 * connections, lets requests in progress finish for up to the configured stop timeout, then
 * closes what is left. A stopped engine server may be started again.
 */
public final class EngineServer extends ContainerLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);

    private final EngineSettings settings;
    private final Clock clock;
    private final Server jetty;
    private final ServerConnector connector;
    private final RunningEngine running;
    private final EngineRuns runs;

    /** An engine without a database (tests of the REST layer). */
    public EngineServer(EngineSettings settings) {
        this(settings, Clock.systemUTC(), null);
    }

    /** An engine that opens {@code database} on start, before it listens. */
    public EngineServer(EngineSettings settings, EngineDatabase database) {
        this(settings, Clock.systemUTC(), database);
    }

    /**
     * @param clock the source of the start time reported by the API
     * @param database opened (and migrated) first on start, so an engine whose database cannot
     *     be opened never listens; {@code null} for none
     */
    public EngineServer(EngineSettings settings, Clock clock, EngineDatabase database) {
        this.settings = settings;
        this.clock = clock;
        this.running = new RunningEngine(settings.name(), settings.version(), database);
        if (database != null) {
            addBean(database);
        }

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("engine-http");
        jetty = new Server(threads);
        jetty.setStopTimeout(settings.stopTimeout().toMillis());

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.bindHost() == null || settings.bindHost().isBlank()
                ? null : settings.bindHost());
        connector.setPort(settings.port());
        jetty.addConnector(connector);

        // Started after the API listens (its address goes into the access file) and stopped before
        // it, so runs in progress are cancelled and finish while their callers still hear them.
        runs = new EngineRuns(settings, database, connector::getLocalPort);

        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder api = new ServletHolder("api",
                new ServletContainer(new EngineApplication(running, runs)));
        api.setAsyncSupported(true); // sync runs answer in chunks as they go
        context.addServlet(api, "/api/*");

        jetty.setHandler(new GracefulHandler(context));
        addBean(jetty);
        addBean(runs);
    }

    /** The sync commands this engine runs for callers, and the access they need. */
    public EngineRuns runs() {
        return runs;
    }

    /** The port the API listens on while started; -1 otherwise. */
    public int port() {
        return isRunning() ? connector.getLocalPort() : -1;
    }

    @Override
    protected void doStart() throws Exception {
        running.markStarted(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        super.doStart();
        LOG.info("Engine '{}' {} listening on {} port {}", settings.name(), settings.version(),
                connector.getHost() == null ? "all interfaces" : connector.getHost(), port());
    }

    @Override
    protected void doStop() throws Exception {
        LOG.info("Engine '{}' stopping (waiting up to {} ms for requests in progress)",
                settings.name(), settings.stopTimeout().toMillis());
        super.doStop();
    }
}
