package org.syncline.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.syncline.sync.exec.Executor;

/**
 * Logging for one-shot commands ({@code sync}, {@code agent-hello}, {@code version}): warnings and
 * errors to standard error as {@code LEVEL message}, set up in code. It spares a command that runs
 * for a fraction of a second logback's XML configuration (a parser, its model and the pattern
 * compiler: ~0.15 s of start-up). It is active only when the system property {@value #PROPERTY} is
 * {@code console} (bin/syncline sets it for every command but the services) and
 * {@code logback.configurationFile} is not set; otherwise logback configures itself as usual, from
 * conf/logback.xml for the engine and the agent. {@code syncline.console.level} chooses the level
 * (default WARN). Found by logback through {@code META-INF/services}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class OneShotLogging extends ContextAwareBase implements Configurator {

    /** The system property that selects this configuration. */
    public static final String PROPERTY = "syncline.logging";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!"console".equals(System.getProperty(PROPERTY)) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Layout layout = new Layout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("syncline.console.level"), Level.WARN));
        root.addAppender(appender);
        // A sync prints the problems of its run log itself (ConsoleRunLog), which the executor also
        // logs for services: shown once, not twice. (The name is a constant: no executor class is loaded here.)
        context.getLogger(Executor.RUN_LOG_PROBLEMS).setLevel(Level.ERROR);
        // Libraries that log through java.util.logging (Liquibase) keep to the same threshold.
        java.util.logging.Logger.getLogger("").setLevel(root.getLevel().isGreaterOrEqual(Level.WARN)
                ? java.util.logging.Level.WARNING : java.util.logging.Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code LEVEL message}, then the stack of an attached exception. */
    private static final class Layout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(80).append(event.getLevel()).append(' ')
                    .append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
            }
            return line.toString();
        }
    }
}
