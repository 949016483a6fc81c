package org.syncline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionsTest {

    @TempDir
    Path home;

    @Test
    void usesTheFileUnderSynclineHome() throws Exception {
        Path file = homeConfig("engine.port=1234\n");
        SynclineConfig config = new ConfigOptions().load(Map.of("SYNCLINE_HOME", home.toString()));

        assertEquals(file.toString(), config.source());
        assertEquals(1234, config.port("engine.port", 1));
    }

    @Test
    void explicitConfigFileWinsOverSynclineHome() throws Exception {
        homeConfig("engine.port=1234\n");
        Path other = Files.writeString(home.resolve("other.properties"), "engine.port=4321\n");
        ConfigOptions options = new ConfigOptions();
        options.configFile = other;

        SynclineConfig config = options.load(Map.of("SYNCLINE_HOME", home.toString()));
        assertEquals(4321, config.port("engine.port", 1));
    }

    @Test
    void withoutHomeOrFileTheDefaultsApply() throws Exception {
        assertEquals("defaults", new ConfigOptions().load(Map.of()).source());
        assertEquals("defaults",
                new ConfigOptions().load(Map.of("SYNCLINE_HOME", home.toString())).source());
    }

    private Path homeConfig(String text) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        return Files.writeString(home.resolve("conf/syncline.properties"), text);
    }
}
