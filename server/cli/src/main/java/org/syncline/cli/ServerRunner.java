package org.syncline.cli;

import java.net.BindException;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;

/**
 * Runs one service for the life of the JVM: starts it, then stops it from a shutdown hook
 * when the JVM is asked to end (SIGTERM, SIGINT, {@code System.exit}).
 */
public final class ServerRunner {

    private final String serviceName;
    private final Logger log;

    /**
     * @param serviceName the service in the user's words, e.g. {@code engine}
     * @param log where start and stop are reported
     */
    public ServerRunner(String serviceName, Logger log) {
        this.serviceName = serviceName;
        this.log = log;
    }

    /**
     * Starts {@code service} and blocks until the shutdown hook has stopped it.
     *
     * @return 0
     * @throws StartupException if the service did not start; it is stopped again
     */
    public int run(LifeCycle service) throws StartupException, InterruptedException {
        try {
            service.start();
        } catch (Exception e) {
            stopQuietly(service);
            throw new StartupException("cannot start the " + serviceName + ": " + describe(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                log.info("Syncline {} stopping", serviceName);
                service.stop();
                log.info("Syncline {} stopped", serviceName);
            } catch (Exception e) {
                log.error("Syncline {} did not stop cleanly", serviceName, e);
            } finally {
                stopped.countDown();
            }
        }, "syncline-shutdown"));
        log.info("Syncline {} started", serviceName);
        stopped.await();
        return 0;
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BindException) {
            return "the address is in use or not available (" + cause.getMessage() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void stopQuietly(LifeCycle service) {
        try {
            service.stop();
        } catch (Exception e) {
            log.debug("Stopping the {} after a failed start failed too", serviceName, e);
        }
    }
}
