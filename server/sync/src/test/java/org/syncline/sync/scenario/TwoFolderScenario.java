package org.syncline.sync.scenario;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.SyncFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scenario on two real, initially empty folders {@code a} and {@code b} under a fresh temp folder. */
abstract class TwoFolderScenario {

    @TempDir
    Path temp;

    Path a;
    Path b;
    SyncFixture fixture;

    @BeforeEach
    void createFolders() throws IOException {
        a = Files.createDirectories(temp.resolve("a"));
        b = Files.createDirectories(temp.resolve("b"));
        fixture = new SyncFixture();
    }
}
