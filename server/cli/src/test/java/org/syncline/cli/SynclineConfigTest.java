package org.syncline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynclineConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTrimmedValuesFromAFile() throws Exception {
        Path file = write("engine.port = 9100  \nengine.name=  alpha\n# engine.bind=10.0.0.1\n");
        SynclineConfig config = SynclineConfig.load(file);

        assertEquals(9100, config.port("engine.port", 1));
        assertEquals("alpha", config.string("engine.name", "x"));
        assertEquals("fallback", config.string("engine.bind", "fallback"));
        assertEquals(file.toString(), config.source());
    }

    @Test
    void emptyValueMeansDefault() throws Exception {
        SynclineConfig config = SynclineConfig.load(write("engine.port=\n"));
        assertEquals(9032, config.port("engine.port", 9032));
    }

    @Test
    void badPortNamesFileKeyExpectationAndValue() throws Exception {
        Path file = write("agent.port=90x3\n");
        SynclineConfig config = SynclineConfig.load(file);

        ConfigException e = assertThrows(ConfigException.class, () -> config.port("agent.port", 1));
        assertEquals(file + ": agent.port must be a port number from 0 to 65535, but is '90x3'",
                e.getMessage());
    }

    @Test
    void outOfRangeNumbersAreRejected() {
        SynclineConfig config = SynclineConfig.of("test", Map.of("p", "65536", "n", "-1"));
        assertThrows(ConfigException.class, () -> config.port("p", 1));
        assertThrows(ConfigException.class, () -> config.integer("n", 1, 0, 10, "0 to 10"));
    }

    @Test
    void missingFileIsAConfigError() {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> SynclineConfig.load(missing));
        assertEquals("configuration file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void malformedEscapeIsAConfigError() throws Exception {
        Path file = write("agent.name=bad\\u00zz\n");
        assertThrows(ConfigException.class, () -> SynclineConfig.load(file));
    }

    @Test
    void prefixedKeysComeInKeyOrderWithoutEmptyValues() {
        SynclineConfig config = SynclineConfig.of("test", Map.of(
                "agent.root.media", "/srv/media", "agent.root.docs", "/srv/docs",
                "agent.root.empty", " ", "agent.port", "1"));

        assertEquals(Map.of("docs", "/srv/docs", "media", "/srv/media"),
                config.withPrefix("agent.root."));
        assertEquals(List.of("docs", "media"), List.copyOf(config.withPrefix("agent.root.").keySet()));
    }

    @Test
    void unknownKeysAreThoseNeitherKnownNorUnderAnOpenPrefix() {
        SynclineConfig config = SynclineConfig.of("test", Map.of(
                "agent.prot", "1", "agent.port", "1", "agent.root.x", "/x", "engine.foo", "1"));

        assertEquals(List.of("agent.prot"),
                config.unknownKeys("agent.", Set.of("agent.port"), Set.of("agent.root.")));
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("syncline.properties"), text);
    }
}
