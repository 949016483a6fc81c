package org.syncline.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.sync.cli.EngineAccess;

/**
 * The database of a server installation, from the {@code database.*} keys of
 * {@code conf/syncline.properties} (or of a database profile file, which holds the same keys):
 * <ul>
 * <li>{@code database.url}: JDBC URL; {@code ${SYNCLINE_HOME}} in it stands for the home folder.
 * Default: the embedded H2 file {@code $SYNCLINE_HOME/data/syncline} with {@code AUTO_SERVER=TRUE}.</li>
 * <li>{@code database.user}, {@code database.password}: the login ({@code sa} and empty for H2 by
 * default). The password is kept as a {@link Secret} and never logged.</li>
 * <li>{@code database.runHistoryDays}: how many days runs and their file logs are kept (default
 * 90; 0 keeps all).</li>
 * <li>{@code database.keyFile}: the key encrypting secrets in the database (default
 * {@code $SYNCLINE_HOME/conf/secret.key}).</li>
 * </ul>
 * The kind of database follows from the URL. Immutable.
 */
public final class DatabaseSettings {

    public static final String URL = "database.url";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String KEY_FILE = "database.keyFile";
    public static final String RUN_HISTORY_DAYS = "database.runHistoryDays";
    /** How many days of run history are kept unless {@value #RUN_HISTORY_DAYS} says otherwise. */
    public static final int DEFAULT_RUN_HISTORY_DAYS = 90;

    private final Path home;
    private final Map<String, String> values;
    private final String source;

    private DatabaseSettings(Path home, Map<String, String> values, String source) {
        this.home = home;
        this.values = values;
        this.source = source;
    }

    /**
     * @param home the Syncline home folder ({@code $SYNCLINE_HOME})
     * @param values the settings; keys other than {@code database.*} are ignored
     * @param source where the values came from, for messages
     */
    public static DatabaseSettings of(Path home, Map<String, String> values, String source) {
        Map<String, String> trimmed = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("database.") && value != null && !value.isBlank()) {
                trimmed.put(key, value.trim());
            }
        });
        return new DatabaseSettings(home, Map.copyOf(trimmed), source);
    }

    /** Reads the {@code database.*} keys of a properties file (a profile, or syncline.properties). */
    public static DatabaseSettings load(Path home, Path file) throws InvalidDatabaseSettingsException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidDatabaseSettingsException("the database profile " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidDatabaseSettingsException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return of(home, values, file.toString());
    }

    /**
     * The home folder of this process: {@code $SYNCLINE_HOME}, else the {@code syncline.home}
     * system property, else {@code .syncline} in the user's home folder.
     */
    public static Path home(Map<String, String> environment) {
        return EngineAccess.home(environment);
    }

    /** This installation's settings: the database keys of {@code $home/conf/syncline.properties}, if it exists. */
    public static DatabaseSettings ofInstallation(Path home) throws InvalidDatabaseSettingsException {
        Path file = home.resolve("conf").resolve("syncline.properties");
        return Files.exists(file) ? load(home, file) : of(home, Map.of(), "defaults");
    }

    /** These settings with another URL (the user and password stay). */
    public DatabaseSettings withUrl(String url) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(URL, url);
        return new DatabaseSettings(home, Map.copyOf(changed), "--db");
    }

    /** The URL of the embedded default database in {@code home}. */
    public static String embeddedUrl(Path home) {
        return "jdbc:h2:file:" + home.resolve("data").resolve("syncline").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    /** The profile to open. */
    public DatabaseProfile profile() throws InvalidDatabaseSettingsException {
        String url = values.getOrDefault(URL, embeddedUrl(home)).replace("${SYNCLINE_HOME}", home.toAbsolutePath().toString());
        DatabaseKind kind = kindOf(url);
        if (kind == DatabaseKind.H2_FILE && !url.startsWith("jdbc:h2:file:")) {
            url = "jdbc:h2:file:" + url.substring("jdbc:h2:".length());
        }
        boolean h2 = kind == DatabaseKind.H2_FILE || kind == DatabaseKind.H2_SERVER;
        String user = values.getOrDefault(USER, h2 ? "sa" : null);
        if (user == null) {
            throw new InvalidDatabaseSettingsException(source + ": " + USER + " is needed for " + kind.displayName());
        }
        Secret password = Secret.of(values.getOrDefault(PASSWORD, ""));
        Path keyFile = values.containsKey(KEY_FILE) ? Path.of(values.get(KEY_FILE))
                : home.resolve("conf").resolve("secret.key");
        return new DatabaseProfile(kind, url, user, password, keyFile);
    }

    /**
     * How many days a run and its file log are kept ({@value #RUN_HISTORY_DAYS}, default
     * {@value #DEFAULT_RUN_HISTORY_DAYS}; 0 keeps every run): a run that started longer ago is
     * deleted when its job runs again.
     */
    public int runHistoryDays() throws InvalidDatabaseSettingsException {
        String value = values.get(RUN_HISTORY_DAYS);
        if (value == null) {
            return DEFAULT_RUN_HISTORY_DAYS;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below, as a value out of range is
        }
        throw new InvalidDatabaseSettingsException(source + ": " + RUN_HISTORY_DAYS + " must be a whole number of days from 0"
                + " (keep every run) to 36500, but is '" + value + "'");
    }

    private DatabaseKind kindOf(String url) throws InvalidDatabaseSettingsException {
        if (url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) {
            return DatabaseKind.H2_SERVER;
        }
        if (url.startsWith("jdbc:h2:mem:")) {
            throw new InvalidDatabaseSettingsException(source + ": " + URL + " must not be an in-memory H2 database: its state would be lost");
        }
        if (url.startsWith("jdbc:h2:")) {
            return DatabaseKind.H2_FILE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return DatabaseKind.POSTGRESQL;
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return DatabaseKind.SQL_SERVER;
        }
        throw new InvalidDatabaseSettingsException(source + ": " + URL + " must be a JDBC URL of H2 (jdbc:h2:...), "
                + "PostgreSQL (jdbc:postgresql://...) or SQL Server (jdbc:sqlserver://...), but is '" + url + "'");
    }
}
