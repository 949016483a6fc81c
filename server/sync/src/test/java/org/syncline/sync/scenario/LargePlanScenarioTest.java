package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.write;

/**
 * Plans larger than what a plan and its state changes keep in memory (a few thousand entries each)
 * run from their temporary files: every phase still sees every action, in the order it needs.
 */
class LargePlanScenarioTest extends TwoFolderScenario {

    private static final int FILES = 4500;

    @Test
    void aMirrorOfThousandsOfActionsCopiesDeletesAndRestampsInOrder() throws IOException {
        Map<String, String> source = new HashMap<>();
        Map<String, String> target = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            source.put("d" + i % 6 + "/f" + i + ".txt", "content " + i);
            if (i % 10 == 0) {
                target.put("d" + i % 6 + "/f" + i + ".txt", "older " + i);
            }
        }
        for (int i = 0; i < 300; i++) {
            target.put("gone/deep/er/g" + i, "g");
            target.put("gone/h" + i, "h");
        }
        write(a, source, T0 + 1000);
        write(b, target, T0);

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.toString());
        assertEquals(FILES, summary.copied());
        assertEquals(600 + 3, summary.deleted(), "the files, then the folders deepest first");
        assertEquals(read(a), read(b));
        assertEquals(0, fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().size());
    }

    @Test
    void aMultiMirrorStateOfThousandsOfPathsIsSavedAndRead() throws IOException {
        Map<String, String> both = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            both.put("d" + i % 6 + "/f" + i + ".txt", "content " + i);
        }
        write(a, both, T0);
        write(b, both, T0);
        assertEquals(0, fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).plan().size());
        assertEquals(2 * (FILES + 6), fixture.state.load("job-" + Rule.MULTI_MIRROR).size(), "every path was saved");

        for (int i = 0; i < FILES; i += 2) {
            java.nio.file.Files.delete(a.resolve("d" + i % 6 + "/f" + i + ".txt"));
        }
        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).summary();
        assertEquals(FILES / 2, summary.deleted(), "each deletion on a is found against the saved state");
        assertEquals(read(a), read(b));
    }
}
