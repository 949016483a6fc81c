package org.syncline.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Logging set-up for a process that runs a Syncline service. */
public final class Logging {

    /** The system property that names the log file (conf/logback.xml reads it). */
    public static final String LOG_NAME_PROPERTY = "syncline.log.name";

    private Logging() {
    }

    /**
     * Names this process's log file after {@code processName} (unless the property is set
     * already) and routes java.util.logging (used by Jersey) to SLF4J. Call it before the
     * first logger is made: logback reads its configuration then.
     */
    public static void start(String processName) {
        if (System.getProperty(LOG_NAME_PROPERTY) == null) {
            System.setProperty(LOG_NAME_PROPERTY, processName);
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
