package org.syncline.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into a one-line message on standard error and an exit code:
 * 2 for configuration errors, 1 otherwise. Unexpected errors are logged with their stack.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine,
            ParseResult parseResult) {
        String prefix = commandLine.getCommandSpec().root().name() + ": ";
        if (e instanceof ConfigException) {
            commandLine.getErr().println(prefix + "configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        }
        if (e instanceof StartupException) {
            commandLine.getErr().println(prefix + e.getMessage());
            return FAILURE;
        }
        commandLine.getErr().println(prefix + "failed: " + e);
        LoggerFactory.getLogger(ErrorHandler.class).error("Command failed", e);
        return FAILURE;
    }
}
