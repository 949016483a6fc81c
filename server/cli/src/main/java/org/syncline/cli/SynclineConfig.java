package org.syncline.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The settings in {@code conf/syncline.properties}, read as typed values. A missing key
 * gives the caller's default; a present but malformed value is an error that names the
 * file, the key, what is expected and what was found. Values are trimmed. Immutable.
 */
public final class SynclineConfig {

    private final String source;
    private final Map<String, String> values;

    private SynclineConfig(String source, Map<String, String> values) {
        this.source = source;
        this.values = values;
    }

    /** A configuration with no settings: every lookup gives its default. */
    public static SynclineConfig defaults() {
        return new SynclineConfig("defaults", Map.of());
    }

    /** Made from given values, e.g. for tests. */
    public static SynclineConfig of(String source, Map<String, String> values) {
        Map<String, String> trimmed = new LinkedHashMap<>();
        values.forEach((key, value) -> trimmed.put(key.trim(), value.trim()));
        return new SynclineConfig(source, Map.copyOf(trimmed));
    }

    /**
     * Reads a properties file (UTF-8).
     *
     * @throws ConfigException if the file is missing, unreadable or malformed
     */
    public static SynclineConfig load(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file + ": "
                    + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        return of(file.toString(), values);
    }

    /** Where the settings came from: a file name, or {@code defaults}. */
    public String source() {
        return source;
    }

    /** The value of {@code key}, or {@code defaultValue} when it is absent or empty. */
    public String string(String key, String defaultValue) {
        return value(key).orElse(defaultValue);
    }

    /**
     * A TCP port: 0 (any free port) to 65535.
     *
     * @throws ConfigException if the value is present but not such a number
     */
    public int port(String key, int defaultValue) throws ConfigException {
        return integer(key, defaultValue, 0, 65535, "a port number from 0 to 65535");
    }

    /**
     * A whole number within {@code [min, max]}.
     *
     * @param expected what a good value is, in words, for the error message
     * @throws ConfigException if the value is present but not such a number
     */
    public int integer(String key, int defaultValue, int min, int max, String expected)
            throws ConfigException {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as an out-of-range number.
        }
        throw invalid(key, expected, value.get());
    }

    /**
     * The keys starting with {@code prefix}, with the prefix cut off, and their values, in
     * key order; empty values are left out.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        new TreeSet<>(values.keySet()).stream()
                .filter(key -> key.startsWith(prefix) && !values.get(key).isEmpty())
                .forEach(key -> found.put(key.substring(prefix.length()), values.get(key)));
        return found;
    }

    /**
     * The keys that start with {@code prefix} but are neither in {@code known} nor start
     * with one of {@code openPrefixes}: most likely misspelled.
     */
    public List<String> unknownKeys(String prefix, Collection<String> known,
            Collection<String> openPrefixes) {
        return new TreeSet<>(values.keySet()).stream()
                .filter(key -> key.startsWith(prefix))
                .filter(key -> !known.contains(key))
                .filter(key -> openPrefixes.stream().noneMatch(key::startsWith))
                .toList();
    }

    /** An error about {@code key}'s value, naming this configuration's source. */
    public ConfigException invalid(String key, String expected, String found) {
        return new ConfigException(source + ": " + key + " must be " + expected + ", but is '"
                + found + "'");
    }

    private Optional<String> value(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
