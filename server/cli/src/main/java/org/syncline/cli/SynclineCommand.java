package org.syncline.cli;

import org.syncline.sync.cli.SyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code syncline} command. Exit codes: 0 success (and a clean stop), 1 a service failed
 * to start or another error, 2 bad usage or configuration.
 *
 * <p>To add a command, add its class to {@code subcommands} below.
 */
@Command(name = "syncline", mixinStandardHelpOptions = true,
        versionProvider = SynclineVersion.Provider.class,
        description = "Replicates and synchronizes files between servers.",
        subcommands = {
            EngineCommand.class,
            AgentCommand.class,
            AgentHelloCommand.class,
            SyncCommand.class,
            VersionCommand.class,
            HelpCommand.class,
        })
public final class SynclineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with Syncline's error handling; {@code execute} it with the args. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new SynclineCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
