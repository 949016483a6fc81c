package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
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
 * Mirrors onto the volumes of USB disks mounted on Linux. On exFAT names that differ only in case
 * are one name, names with characters Windows refuses cannot be made, times are kept coarser than
 * the source's and permission bits not at all; NTFS through ntfs-3g with {@code windows_names} (as
 * desktop Linux mounts it) tells case apart but refuses those names and keeps no permission bits.
 * The volume is known for what it is, so such names are skipped with a reason (not failed on every
 * run), and the next run finds everything up to date (no copies, no permissions to set again).
 */
class RemovableDiskScenarioTest extends TwoFolderScenario {

    private static final long T = 1_700_000_001_234L;

    @Test
    void namesThatDifferOnlyInCaseAreSkippedWithAReasonAndTheNextRunHasNothingToDo() throws Exception {
        try (ScratchMount usb = ScratchMount.exfat(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            write(a, tree("Report.txt", "upper", "report.txt", "lower", "notes.txt", "notes", "10:30 call.txt", "notes"), T);
            LocalReplica volume = LocalReplica.open(target);
            assertFalse(volume.capabilities().caseSensitive(), "exFAT is found not to tell names apart by case");
            assertTrue(volume.capabilities().windowsNames(), "and to refuse the names Windows refuses");
            assertTrue(volume.timeGranularityMillis() > 1, "and to keep coarser times: " + volume.timeGranularityMillis());
            assertFalse(volume.capabilities().posixPermissions(), "and no permission bits");
            assertTrue(LocalReplica.open(a).capabilities().caseSensitive());

            SyncRun.Result first = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, first.summary().errors());
            assertEquals(2, first.summary().copied());
            assertEquals(2, first.plan().counts().get(ActionType.SKIP));
            var logged = fixture.runLog.actions(fixture.runLog.lastRunId());
            assertTrue(logged.stream().anyMatch(action -> action.path().equals("report.txt") && action.message().contains(
                    "'report.txt' and 'Report.txt' differ only in case;") && action.message().contains("cannot hold both")), logged.toString());
            assertTrue(logged.stream().anyMatch(action -> action.path().equals("10:30 call.txt") && action.message().endsWith(
                    "Windows does not allow in names; it cannot be created on " + target)), logged.toString());
            assertEquals(tree("Report.txt", "upper", "notes.txt", "notes"), read(target));

            SyncRun.Result again = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, again.summary().errors());
            assertEquals(0, again.plan().changing(), "nothing to copy again: " + again.plan().counts());
        }
    }

    @Test
    void onExfatWhichHasNoHardLinksFilesAreStillArchivedAndKeptAsConflictCopies() throws Exception {
        try (ScratchMount usb = ScratchMount.exfat(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            SyncOptions options = SyncOptions.defaults().withDeleteHandling(DeleteHandling.ARCHIVE)
                    .withConflictPolicy(ConflictPolicy.KEEP_BOTH);
            write(a, tree("gone.txt", "deleted on the source", "both.txt", "first"), T);
            assertTrue(fixture.run(Rule.MULTI_MIRROR, options, a, target).summary().succeeded());
            Files.delete(a.resolve("gone.txt"));
            write(a, tree("both.txt", "edited on the computer"), T + 60_000);
            write(target, tree("both.txt", "edited on the disk"), T + 120_000);

            SyncRun.Result run = fixture.run(Rule.MULTI_MIRROR, options, a, target);

            assertEquals(0, run.summary().errors(), () -> fixture.runLog.actions(fixture.runLog.lastRunId()).toString());
            assertEquals(1, run.summary().archived(), () -> run.summary() + " " + fixture.runLog.actions(fixture.runLog.lastRunId()));
            assertTrue(read(target, true).entrySet().stream().anyMatch(entry -> entry.getKey().startsWith(".syncline-archive/")
                    && entry.getValue().equals("deleted on the source")), read(target, true).toString());
            assertFalse(Files.exists(target.resolve("gone.txt")));
            assertTrue(read(target).values().containsAll(java.util.List.of("edited on the computer", "edited on the disk")),
                    "the losing version kept as a conflict copy: " + read(target));
        }
    }

    @Test
    void onNtfsMountedWithWindowsNamesBothCasesAreKeptAndNamesWindowsRefusesAreSkipped() throws Exception {
        try (ScratchMount usb = ScratchMount.ntfs(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            write(a, tree("Report.txt", "upper", "report.txt", "lower", "a|b.txt", "pipe", "sub/notes.txt", "notes"), T);
            LocalReplica volume = LocalReplica.open(target);
            assertTrue(volume.capabilities().caseSensitive(), "ntfs-3g keeps names in the POSIX namespace: case counts");
            assertTrue(volume.capabilities().windowsNames(), "windows_names refuses what Windows refuses");
            assertFalse(volume.capabilities().posixPermissions(), "no permission bits without a user mapping");

            SyncRun.Result first = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, first.summary().errors(), () -> fixture.runLog.actions(fixture.runLog.lastRunId()).toString());
            assertEquals(3, first.summary().copied());
            var logged = fixture.runLog.actions(fixture.runLog.lastRunId());
            assertTrue(logged.stream().anyMatch(action -> action.path().equals("a|b.txt") && action.message().endsWith(
                    "it cannot be created on " + target)), logged.toString());
            assertEquals(tree("Report.txt", "upper", "report.txt", "lower", "sub/", "", "sub/notes.txt", "notes"), read(target));

            SyncRun.Result again = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, again.summary().errors());
            assertEquals(0, again.plan().changing(), "nothing to copy or set again: " + again.plan().counts());
        }
    }
}
