package org.syncline.cli;

import org.syncline.sync.cli.JobsCommand;
import org.syncline.sync.cli.RunsCommand;
import org.syncline.sync.cli.StartupRecording;
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
 * <p>To add a command, add it to {@link #newCommandLine()}.
 */
@Command(name = "syncline", mixinStandardHelpOptions = true,
        versionProvider = SynclineVersion.Provider.class,
        description = "Replicates and synchronizes files between servers.")
public final class SynclineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        int exitCode = commandLineFor(args).execute(args);
        if (exitCode == 2) {
            StartupRecording.untypical("stopped on bad usage or configuration, having done nothing");
        }
        System.exit(exitCode);
    }

    /** The command line with Syncline's error handling and every command; {@code execute} it with the args. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = root();
        commandLine.addSubcommand("engine", new EngineCommand());
        commandLine.addSubcommand("agent", new AgentCommand());
        commandLine.addSubcommand("agent-hello", new AgentHelloCommand());
        commandLine.addSubcommand("sync", SyncCommand.commandLine());
        commandLine.addSubcommand("runs", RunsCommand.commandLine());
        commandLine.addSubcommand("jobs", JobsCommand.commandLine());
        commandLine.addSubcommand("version", new VersionCommand());
        commandLine.addSubcommand("help", new HelpCommand());
        return withSettings(commandLine);
    }

    /**
     * The command line to execute {@code args} with: for {@code sync} and {@code runs}, which run
     * often and briefly, a root that knows only that command (building every command's model costs
     * ~0.1 s of reflection and class loading, the services' most); for anything else
     * {@link #newCommandLine()}.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 1 && args[0].equals("sync")) {
            CommandLine commandLine = root();
            commandLine.addSubcommand("sync", SyncCommand.commandLine());
            return withSettings(commandLine);
        }
        if (args.length > 0 && args[0].equals("runs")) {
            CommandLine commandLine = root();
            commandLine.addSubcommand("runs", RunsCommand.commandLine());
            return withSettings(commandLine);
        }
        return newCommandLine();
    }

    private static CommandLine root() {
        return new CommandLine(new SynclineCommand());
    }

    /** Settings for the whole hierarchy: call it after the last subcommand was added. */
    private static CommandLine withSettings(CommandLine commandLine) {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        return commandLine;
    }
}
