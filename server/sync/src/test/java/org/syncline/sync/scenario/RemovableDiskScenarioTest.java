package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.replica.LocalReplica;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * A mirror onto an exFAT volume, as a USB disk is formatted, mounted on Linux: names that differ
 * only in case are one name there, times are kept coarser than the source's and permission bits
 * not at all. The volume is known for what it is, so the second of two such names is skipped with
 * a reason (not failed on every run), and the next run finds everything up to date (no copies, no
 * permissions to set again).
 */
class RemovableDiskScenarioTest extends TwoFolderScenario {

    private static final long T = 1_700_000_001_234L;

    @Test
    void namesThatDifferOnlyInCaseAreSkippedWithAReasonAndTheNextRunHasNothingToDo() throws Exception {
        try (ScratchMount usb = ScratchMount.exfat(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            write(a, tree("Report.txt", "upper", "report.txt", "lower", "notes.txt", "notes"), T);
            LocalReplica volume = LocalReplica.open(target);
            assertFalse(volume.capabilities().caseSensitive(), "exFAT is found not to tell names apart by case");
            assertTrue(volume.timeGranularityMillis() > 1, "and to keep coarser times: " + volume.timeGranularityMillis());
            assertFalse(volume.capabilities().posixPermissions(), "and no permission bits");
            assertTrue(LocalReplica.open(a).capabilities().caseSensitive());

            SyncRun.Result first = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, first.summary().errors());
            assertEquals(2, first.summary().copied());
            assertEquals(1, first.plan().counts().get(ActionType.SKIP));
            var logged = fixture.runLog.actions(fixture.runLog.lastRunId());
            assertTrue(logged.stream().anyMatch(action -> action.path().equals("report.txt") && action.message().contains(
                    "'report.txt' and 'Report.txt' differ only in case;") && action.message().contains("cannot hold both")), logged.toString());
            assertEquals(tree("Report.txt", "upper", "notes.txt", "notes"), read(target));

            SyncRun.Result again = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, again.summary().errors());
            assertEquals(0, again.plan().changing(), "nothing to copy again: " + again.plan().counts());
        }
    }
}
