package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.LocalReplica;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.syncline.sync.Trees.put;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * A target whose file system keeps times to the whole second (here ext4 with 128-byte inodes; FAT
 * keeps two seconds, HFS+ one) holds every copy with its time cut to the second. The next run must
 * find the copies up to date, not copy them all again, nor, for the rules with a state, take the
 * cut times for changes or conflicts.
 */
class CoarseTimesScenarioTest extends TwoFolderScenario {

    /** Times with milliseconds, as the source's file system keeps them. */
    private static final long T = 1_700_000_001_234L;

    @Test
    void copiesOnAWholeSecondFileSystemAreUpToDateForEveryRuleAndARealChangeStillGoesOver() throws Exception {
        try (ScratchMount coarse = ScratchMount.wholeSecondTimes(temp.resolve("coarse"), temp.resolve("coarse.img"))) {
            Path target = Files.createDirectory(coarse.path().resolve("backup"));
            write(a, tree("x.txt", "hello", "d/y.txt", "world", "z.txt", "!"), T);
            assertEquals(1000, LocalReplica.open(target).timeGranularityMillis());

            SyncRun.Result first = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(3, first.summary().copied());
            assertNotEquals(T, Files.getLastModifiedTime(target.resolve("x.txt")).toMillis(), "the file system cut the time");
            assertEquals(read(a), read(target));
            SyncRun.Result again = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, again.plan().size(), "nothing to do: " + again.plan().counts());

            SyncFixture merging = new SyncFixture();
            SyncRun.Result merged = merging.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, merged.plan().size(), "the same files on both, not conflicts: " + merged.plan().counts());
            put(a, "new.txt", "new", T);
            SyncRun.Result spread = merging.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(1, spread.summary().copied());
            SyncRun.Result settled = merging.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(0, settled.plan().size(), "the cut time of the copy is its synchronized state: " + settled.plan().counts());

            Files.writeString(a.resolve("x.txt"), "HELLO");
            Files.setLastModifiedTime(a.resolve("x.txt"), FileTime.fromMillis(T + 1_500));
            SyncRun.Result changed = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);
            assertEquals(1, changed.summary().copied(), "a change a second and more later is one");
            assertEquals("HELLO", Files.readString(target.resolve("x.txt")));
        }
    }

    @Test
    void rightAfterACopyADeletionAndAnEditOnTheSourceGoOverAndAreNotTakenBackOrConflicts() throws Exception {
        // The copies' state holds the time they were given; the file system keeps it cut. Were that a
        // change on the target, the deletion would be undone from it and the edit be a conflict.
        try (ScratchMount coarse = ScratchMount.wholeSecondTimes(temp.resolve("coarse"), temp.resolve("coarse.img"))) {
            Path target = Files.createDirectory(coarse.path().resolve("backup"));
            write(a, tree("gone.txt", "deleted later", "edited.txt", "first words"), T);
            assertEquals(2, fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, target).summary().copied());
            Files.delete(a.resolve("gone.txt"));
            put(a, "edited.txt", "the words of a later edit", T + 60_000);

            SyncRun.Result next = fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, target);

            assertEquals(0, next.summary().conflicts(), () -> fixture.runLog.actions(fixture.runLog.lastRunId()).toString());
            assertEquals(1, next.summary().deleted());
            assertEquals(tree("edited.txt", "the words of a later edit"), read(target));
            assertEquals(read(target), read(a), "the deleted file was not brought back");
        }
    }
}
