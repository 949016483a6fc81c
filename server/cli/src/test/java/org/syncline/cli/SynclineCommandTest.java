package org.syncline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.agent.AgentSettings;
import org.syncline.agent.LocalHost;
import org.syncline.agent.ServedRoot;
import org.syncline.engine.EngineSettings;
import picocli.CommandLine;

class SynclineCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void versionPrintsTheBuildsVersion() {
        assertEquals(0, run("version"));
        String expected = System.getProperty("syncline.expectedVersion");
        assertTrue(expected != null && !expected.isBlank(), "surefire passes the project version");
        assertTrue(out.toString().startsWith("Syncline " + expected + System.lineSeparator()),
                out.toString());
        assertEquals(expected, SynclineVersion.current());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        for (String command : List.of("engine", "agent", "version", "help")) {
            assertTrue(out.toString().contains(command), out.toString());
        }
    }

    @Test
    void syncRunsThroughARootThatBuildsOnlyThatCommand() throws Exception {
        Path source = Files.createDirectories(dir.resolve("a"));
        Files.writeString(source.resolve("file.txt"), "content");
        Path target = Files.createDirectories(dir.resolve("b"));
        String[] args = {"sync", source.toString(), target.toString(), "--rule", "mirror",
            "--state-dir", dir.resolve("state").toString()};
        CommandLine commandLine = SynclineCommand.commandLineFor(args);
        assertEquals(List.of("sync"), List.copyOf(commandLine.getSubcommands().keySet()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute(args), err.toString());
        assertEquals("content", Files.readString(target.resolve("file.txt")));
        assertEquals(SynclineCommand.newCommandLine().getSubcommands().keySet(),
                SynclineCommand.commandLineFor(new String[] {"version"}).getSubcommands().keySet());
        assertEquals(List.of("runs"), List.copyOf(SynclineCommand.commandLineFor(new String[] {"runs"}).getSubcommands().keySet()));
        assertTrue(SynclineCommand.newCommandLine().getSubcommands().containsKey("runs"), "listed in the help of 'syncline'");
        assertTrue(SynclineCommand.newCommandLine().getSubcommands().containsKey("jobs"), "and the jobs saved");
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing command"), err.toString());
    }

    @Test
    void portThatIsNotANumberIsAUsageError() {
        assertEquals(2, run("engine", "--port", "notanumber"));
        assertTrue(err.toString().contains(
                "Invalid value for option '--port': 'notanumber' is not a port number (expected 0 to 65535)"),
                err.toString());
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        assertEquals(2, run("agent", "--port", "70000"));
        assertTrue(err.toString().contains("'70000' is not a port number"), err.toString());
    }

    @Test
    void missingConfigFileIsAConfigError() {
        Path missing = dir.resolve("missing.properties");
        assertEquals(2, run("engine", "--config", missing.toString()));
        assertEquals("syncline: configuration error: configuration file " + missing
                + " does not exist", err.toString().strip());
    }

    @Test
    void badValueInConfigFileNamesTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("s.properties"), "engine.stopTimeoutSeconds=soon\n");
        assertEquals(2, run("engine", "--config", file.toString()));
        assertEquals("syncline: configuration error: " + file + ": engine.stopTimeoutSeconds must be "
                + "a number of seconds from 0 to 3600, but is 'soon'", err.toString().strip());
    }

    @Test
    void engineSettingsComeFromDefaults() throws Exception {
        EngineSettings settings = engine().settings(SynclineConfig.defaults());

        assertEquals(9032, settings.port());
        assertEquals(LocalHost.name(), settings.name());
        assertEquals(null, settings.bindHost());
        assertEquals(Duration.ofSeconds(10), settings.stopTimeout());
        assertEquals(SynclineVersion.current(), settings.version());
    }

    @Test
    void commandLineOverridesTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("s.properties"),
                "engine.port=9100\nengine.name=from-file\nengine.bind=127.0.0.1\n");
        EngineCommand engine = engine("--port", "9200", "--config", file.toString());

        EngineSettings settings = engine.settings(SynclineConfig.load(file));
        assertEquals(9200, settings.port());
        assertEquals("from-file", settings.name());
        assertEquals("127.0.0.1", settings.bindHost());
    }

    @Test
    void agentRootsComeFromTheFileAndTheCommandLine() throws Exception {
        Path docs = Files.createDirectory(dir.resolve("docs"));
        Path media = Files.createDirectory(dir.resolve("media"));
        Path other = Files.createDirectory(dir.resolve("other"));
        SynclineConfig config = SynclineConfig.of("test", Map.of(
                "agent.root.docs", docs.toString(), "agent.root.media", media.toString(),
                "agent.name", "fs-cluster", "agent.port", "9333"));

        AgentSettings settings = agent("--root", "media=" + other, "--name", "node-7")
                .settings(config);

        assertEquals(List.of(new ServedRoot("docs", docs), new ServedRoot("media", other)),
                settings.roots());
        assertEquals("node-7", settings.name());
        assertEquals(9333, settings.port());
    }

    @Test
    void agentRootMustBeAnExistingFolder() {
        Path missing = dir.resolve("missing");
        ConfigException e = assertThrows(ConfigException.class,
                () -> agent("--root", "docs=" + missing).settings(SynclineConfig.defaults()));
        assertEquals("--root docs: '" + missing + "' is not an existing folder", e.getMessage());
    }

    @Test
    void agentRootInTheFileMustBeAbsolute() {
        SynclineConfig config = SynclineConfig.of("f", Map.of("agent.root.docs", "rel/docs"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> agent().settings(config));
        assertEquals("f: agent.root.docs must be an absolute path, but is 'rel/docs'",
                e.getMessage());
    }

    @Test
    void agentRootNeedsNameAndPath() {
        for (String spec : List.of("docs", "=/srv", "docs=")) {
            assertThrows(ConfigException.class,
                    () -> agent("--root", spec).settings(SynclineConfig.defaults()), spec);
        }
        assertThrows(ConfigException.class,
                () -> agent("--root", "../x=" + dir).settings(SynclineConfig.defaults()));
    }

    private int run(String... args) {
        CommandLine commandLine = SynclineCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static EngineCommand engine(String... options) {
        return subcommand("engine", options);
    }

    private static AgentCommand agent(String... options) {
        return subcommand("agent", options);
    }

    @SuppressWarnings("unchecked")
    private static <T> T subcommand(String name, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = name;
        System.arraycopy(options, 0, args, 1, options.length);
        CommandLine.ParseResult result = SynclineCommand.newCommandLine().parseArgs(args);
        return (T) result.subcommand().commandSpec().userObject();
    }
}
