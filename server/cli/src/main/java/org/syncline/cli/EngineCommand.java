package org.syncline.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.agent.LocalHost;
import org.syncline.engine.EngineDatabase;
import org.syncline.engine.EngineServer;
import org.syncline.engine.EngineSettings;
import org.syncline.store.DatabaseSettings;
import org.syncline.store.InvalidDatabaseSettingsException;
import org.syncline.sync.cli.EngineAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code syncline engine}: runs the engine until the process is told to stop. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        versionProvider = SynclineVersion.Provider.class,
        description = "Runs the engine (scheduler service) and its REST API until stopped.")
public final class EngineCommand implements Callable<Integer> {

    static final String NAME = "engine.name";
    static final String PORT = "engine.port";
    static final String BIND = "engine.bind";
    static final String STOP_TIMEOUT = "engine.stopTimeoutSeconds";
    private static final Set<String> KEYS = Set.of(NAME, PORT, BIND, STOP_TIMEOUT);

    @Mixin
    ConfigOptions config;

    @Option(names = "--port", paramLabel = "PORT", converter = PortConverter.class,
            description = "REST API port; 0 picks a free port (default: " + PORT + " or "
                    + EngineSettings.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: " + BIND + " or all interfaces).")
    String bind;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Engine name (default: " + NAME + " or the host name).")
    String name;

    @Override
    public Integer call() throws Exception {
        SynclineConfig loaded = config.load(System.getenv());
        EngineSettings settings = settings(loaded);
        Logging.start("engine");
        Logger log = LoggerFactory.getLogger(EngineCommand.class);
        log.info("Syncline {} engine, configuration: {}", settings.version(), loaded.source());
        List<String> unknown = loaded.unknownKeys("engine.", KEYS, Set.of());
        if (!unknown.isEmpty()) {
            log.warn("Ignoring unknown settings {} in {}", unknown, loaded.source());
        }
        DatabaseSettings databaseSettings = databaseSettings(loaded, System.getenv());
        EngineDatabase database;
        try {
            database = new EngineDatabase(databaseSettings.profile(), databaseSettings.runHistoryDays());
        } catch (InvalidDatabaseSettingsException | IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new ServerRunner("engine", log).run(new EngineServer(settings, database));
    }

    /**
     * The engine's database settings from the {@code database.*} keys (see {@link DatabaseSettings});
     * by default the embedded H2 file under {@code $SYNCLINE_HOME/data}.
     */
    static DatabaseSettings databaseSettings(SynclineConfig loaded, Map<String, String> environment) {
        Map<String, String> keys = new HashMap<>();
        loaded.withPrefix("database.").forEach((key, value) -> keys.put("database." + key, value));
        return DatabaseSettings.of(DatabaseSettings.home(environment), keys, loaded.source());
    }

    /** The engine's settings: command-line options over the configuration over defaults. */
    EngineSettings settings(SynclineConfig loaded) throws ConfigException {
        int stopSeconds = loaded.integer(STOP_TIMEOUT,
                (int) EngineSettings.DEFAULT_STOP_TIMEOUT.toSeconds(), 0, 3600,
                "a number of seconds from 0 to 3600");
        return new EngineSettings(
                name != null ? name : loaded.string(NAME, LocalHost.name()),
                bind != null ? bind : loaded.string(BIND, null),
                port != null ? port : loaded.port(PORT, EngineSettings.DEFAULT_PORT),
                SynclineVersion.current(),
                Duration.ofSeconds(stopSeconds),
                EngineAccess.file(DatabaseSettings.home(System.getenv())));
    }
}
