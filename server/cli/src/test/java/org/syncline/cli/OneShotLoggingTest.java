package org.syncline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OneShotLoggingTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(OneShotLogging.PROPERTY);
    }

    @Test
    void leavesConfigurationToLogbackUnlessAsked() {
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new OneShotLogging().configure(context));
    }

    @Test
    void logsWarningsToStandardErrorWhenAsked() {
        System.setProperty(OneShotLogging.PROPERTY, "console");
        LoggerContext context = new LoggerContext();
        OneShotLogging configurator = new OneShotLogging();
        configurator.setContext(context);
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertNotNull(root.getAppender("STDERR"));
        assertTrue(root.getAppender("STDERR").isStarted());
    }
}
