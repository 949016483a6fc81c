package org.syncline.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.agent.AgentProtocol;
import org.syncline.agent.AgentServer;
import org.syncline.agent.AgentSettings;
import org.syncline.agent.LocalHost;
import org.syncline.agent.ServedRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code syncline agent}: runs the agent until the process is told to stop. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        versionProvider = SynclineVersion.Provider.class,
        description = "Runs the communications agent, serving the configured roots until stopped.")
public final class AgentCommand implements Callable<Integer> {

    static final String NAME = "agent.name";
    static final String PORT = "agent.port";
    static final String BIND = "agent.bind";
    static final String MAX_CONNECTIONS = "agent.maxConnections";
    static final String ROOT_PREFIX = "agent.root.";
    private static final Set<String> KEYS = Set.of(NAME, PORT, BIND, MAX_CONNECTIONS);

    @Mixin
    ConfigOptions config;

    @Option(names = "--port", paramLabel = "PORT", converter = PortConverter.class,
            description = "Agent port; 0 picks a free port (default: " + PORT + " or "
                    + AgentProtocol.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: " + BIND + " or all interfaces).")
    String bind;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name to introduce the agent with, e.g. a cluster's network name "
                    + "(default: " + NAME + " or the host name).")
    String name;

    @Option(names = "--root", paramLabel = "NAME=PATH",
            description = "A folder to serve under a name; repeatable. Adds to (or replaces, by "
                    + "name) the " + ROOT_PREFIX + "NAME settings.")
    List<String> roots = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SynclineConfig loaded = config.load(System.getenv());
        AgentSettings settings = settings(loaded);
        Logging.start("agent");
        Logger log = LoggerFactory.getLogger(AgentCommand.class);
        log.info("Syncline {} agent, configuration: {}", settings.version(), loaded.source());
        List<String> unknown = loaded.unknownKeys("agent.", KEYS, Set.of(ROOT_PREFIX));
        if (!unknown.isEmpty()) {
            log.warn("Ignoring unknown settings {} in {}", unknown, loaded.source());
        }
        if (settings.roots().isEmpty()) {
            log.warn("The agent serves no roots: add {}NAME=PATH settings or --root options",
                    ROOT_PREFIX);
        }
        return new ServerRunner("agent", log).run(new AgentServer(settings));
    }

    /** The agent's settings: command-line options over the configuration over defaults. */
    AgentSettings settings(SynclineConfig loaded) throws ConfigException {
        Map<String, ServedRoot> served = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : loaded.withPrefix(ROOT_PREFIX).entrySet()) {
            String key = ROOT_PREFIX + entry.getKey();
            Path path = path(entry.getValue(), () -> loaded.invalid(key, "a path", entry.getValue()));
            if (!path.isAbsolute()) {
                throw loaded.invalid(key, "an absolute path", entry.getValue());
            }
            served.put(entry.getKey(), root(entry.getKey(), path, loaded.source() + ": " + key));
        }
        for (String spec : roots) {
            int equals = spec.indexOf('=');
            if (equals < 1 || equals == spec.length() - 1) {
                throw new ConfigException("--root must be NAME=PATH, but is '" + spec + "'");
            }
            String rootName = spec.substring(0, equals).trim();
            String value = spec.substring(equals + 1).trim();
            Path path = path(value, () -> new ConfigException(
                    "--root " + rootName + ": '" + value + "' is not a valid path"));
            served.put(rootName, root(rootName, path.toAbsolutePath(), "--root " + rootName));
        }
        int maxConnections = loaded.integer(MAX_CONNECTIONS, AgentSettings.DEFAULT_MAX_WORKERS,
                1, 10_000, "a number of connections from 1 to 10000");
        return new AgentSettings(
                name != null ? name : loaded.string(NAME, LocalHost.name()),
                bind != null ? bind : loaded.string(BIND, null),
                port != null ? port : loaded.port(PORT, AgentProtocol.DEFAULT_PORT),
                List.copyOf(served.values()),
                SynclineVersion.current(),
                maxConnections);
    }

    private static ServedRoot root(String rootName, Path path, String where)
            throws ConfigException {
        if (!ServedRoot.isValidName(rootName)) {
            throw new ConfigException(where + ": root name '" + rootName + "' must be up to 64 "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!Files.isDirectory(path)) {
            throw new ConfigException(where + ": '" + path + "' is not an existing folder");
        }
        return new ServedRoot(rootName, path);
    }

    private static Path path(String value, ErrorSupplier error) throws ConfigException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw error.get();
        }
    }

    @FunctionalInterface
    private interface ErrorSupplier {
        ConfigException get();
    }
}
