package org.syncline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option shared by the commands that run something, and the rule for
 * finding the configuration: {@code --config FILE} if given (it must exist), else
 * {@code $SYNCLINE_HOME/conf/syncline.properties} if it exists, else built-in defaults.
 */
public final class ConfigOptions {

    /** The environment variable naming the Syncline home folder. */
    public static final String HOME_VARIABLE = "SYNCLINE_HOME";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $SYNCLINE_HOME/conf/syncline.properties).")
    Path configFile;

    /**
     * Loads the configuration.
     *
     * @param environment the process environment, for {@value #HOME_VARIABLE}
     * @throws ConfigException if {@code --config} names a missing file, or a file cannot be read
     */
    public SynclineConfig load(Map<String, String> environment) throws ConfigException {
        if (configFile != null) {
            return SynclineConfig.load(configFile);
        }
        String home = environment.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            Path file = Path.of(home, "conf", "syncline.properties");
            if (Files.exists(file)) {
                return SynclineConfig.load(file);
            }
        }
        return SynclineConfig.defaults();
    }
}
