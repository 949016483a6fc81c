package org.syncline.sync.replica;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link LocalReplica} keeps the {@link Replica} contract also when its listings come from a
 * {@link ChangeJournal}: every listing goes through the journal, right after the changes the test
 * made, with no wait.
 */
@EnabledOnOs(OS.LINUX)
class JournaledLocalReplicaConformanceTest extends LocalReplicaConformanceTest {

    private final ChangeJournals journals = ChangeJournals.open(Duration.ofHours(1), 1_000_000);

    @Override
    protected LocalReplica open(Path folder) throws IOException {
        assertNotNull(journals.forRoot(folder.toRealPath()), "the test's folder has a change journal");
        return LocalReplica.open(folder, journals);
    }

    @AfterEach
    void closeJournals() {
        journals.close();
    }
}
