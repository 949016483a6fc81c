package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.put;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * Scenarios in the manner of Unison's self-test and rclone bisync: declare trees on real folders,
 * change them, sync, and compare the exact resulting trees. One or more per rule.
 */
class RuleScenarioTest extends TwoFolderScenario {

    private final SyncOptions defaults = SyncOptions.defaults();

    @Test
    void mirrorMakesTargetIdenticalIncludingDeletes() throws IOException {
        write(a, tree("a.txt", "1", "d/b.txt", "2", "c.txt", "3", "empty/", ""), T0);
        write(b, tree("c.txt", "old", "x.txt", "9", "d2/y.txt", "8"), T0 + 5000);
        RunSummary first = fixture.run(Rule.MIRROR, defaults, a, b).summary();
        assertEquals(read(a), read(b));
        assertEquals(3, first.copied());
        assertEquals(3, first.deleted(), "x.txt, d2/y.txt and d2");
        put(a, "a.txt", "1 changed", T0 + 10_000);
        Files.delete(a.resolve("c.txt"));
        put(a, "d/e/new.txt", "new", T0);
        RunSummary second = fixture.run(Rule.MIRROR, defaults, a, b).summary();
        assertEquals(read(a), read(b));
        assertEquals(2, second.copied());
        assertEquals(1, second.deleted());
        assertEquals(Files.getLastModifiedTime(a.resolve("d")).toMillis(),
                Files.getLastModifiedTime(b.resolve("d")).toMillis(),
                "folder times follow the master (to the millisecond) after their content changed");
        assertTrue(fixture.run(Rule.MIRROR, defaults, a, b).plan().changesNothing(), "a re-run has nothing to do");
    }

    @Test
    void foldersCreatedByARunGetTheirTimeAndPermissionsInThatRun() throws IOException {
        write(a, tree("empty/", "", "outer/inner/empty/", "", "outer/inner/f.txt", "f"), T0);
        Map<String, String> modes = Map.of("empty", "rwxr-x---", "outer/inner/empty", "rwx------",
                "outer/inner", "rwxr-xr-x", "outer", "rwx--x--x");
        Map<String, Long> times = Map.of("empty", T0 + 1000, "outer/inner/empty", T0 + 2000,
                "outer/inner", T0 + 3000, "outer", T0 + 4000);
        for (String folder : List.of("empty", "outer/inner/empty", "outer/inner", "outer")) {
            Files.setPosixFilePermissions(a.resolve(folder), PosixFilePermissions.fromString(modes.get(folder)));
            Files.setLastModifiedTime(a.resolve(folder), FileTime.fromMillis(times.get(folder)));
        }
        for (Rule rule : List.of(Rule.MIRROR, Rule.MULTI_MIRROR, Rule.RECENT_MASTER_COPY)) {
            Path target = Files.createDirectories(temp.resolve("to-" + rule));

            RunSummary summary = fixture.run(rule, defaults, a, target).summary();

            assertTrue(summary.succeeded(), rule + ": " + summary);
            assertEquals(read(a), read(target), rule.toString());
            for (String folder : modes.keySet()) {
                assertEquals(times.get(folder), Files.getLastModifiedTime(target.resolve(folder)).toMillis(),
                        rule + ": " + folder + " has the source's time after the run that created it");
                assertEquals(modes.get(folder),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve(folder))),
                        rule + ": " + folder);
            }
            assertTrue(fixture.run(rule, defaults, a, target).plan().changesNothing(),
                    rule + ": a re-run has nothing to do");
        }
    }

    @Test
    void createdFolderWhoseTimeCannotBeSetFailsAloneAndIsRetriedNextRun() throws IOException {
        write(a, tree("empty/", "", "full/f.txt", "f"), T0);
        Files.setLastModifiedTime(a.resolve("empty"), FileTime.fromMillis(T0 + 1000));
        Files.setLastModifiedTime(a.resolve("full"), FileTime.fromMillis(T0 + 2000));
        Replica refusing = new DelegatingReplica(LocalReplica.open(b)) {
            @Override
            public void setAttributes(String path, long mtimeMillis, int mode) throws IOException {
                if (path.equals("empty")) {
                    throw new AccessDeniedException(b.resolve(path).toString(), null, "cannot set its time");
                }
                super.setAttributes(path, mtimeMillis, mode);
            }
        };
        SyncJob job = SyncFixture.job(Rule.MIRROR, defaults.withRetryPolicy(RetryPolicy.NONE), Filter.ALL, a, b);

        RunSummary summary = new SyncRun(fixture.state, fixture.runLog, fixture.clock())
                .run(job, List.of(LocalReplica.open(a), refusing), new Cancellation(), ProgressListener.NONE)
                .summary();

        assertEquals(1, summary.errors(), summary.toString());
        List<FileAction> failures = fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(action -> action.outcome() == Outcome.FAILED).toList();
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("SET_ATTRIBUTES", failures.get(0).action());
        assertEquals("empty", failures.get(0).path());
        assertTrue(failures.get(0).message().contains("cannot set its time"), failures.get(0).message());
        assertEquals(T0 + 2000, Files.getLastModifiedTime(b.resolve("full")).toMillis(), "the other folder got it");

        RunSummary next = fixture.run(Rule.MIRROR, defaults, a, b).summary();
        assertTrue(next.succeeded(), next.toString());
        assertEquals(List.of("SET_ATTRIBUTES empty"), fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .map(action -> action.action() + " " + action.path()).toList(), "its state was not advanced");
        assertEquals(T0 + 1000, Files.getLastModifiedTime(b.resolve("empty")).toMillis());
    }

    @Test
    void mirrorReplacesFolderByFileAndFileByFolder() throws IOException {
        write(a, tree("x", "file now", "y/inner.txt", "in folder"), T0);
        write(b, tree("x/old.txt", "was a folder", "y", "was a file"), T0);
        fixture.run(Rule.MIRROR, defaults, a, b);
        assertEquals(read(a), read(b));
    }

    @Test
    void mirrorWithArchiveHandlingKeepsDeletedFiles() throws IOException {
        write(a, tree("keep.txt", "k"), T0);
        write(b, tree("keep.txt", "k", "gone.txt", "precious"), T0);
        RunSummary summary = fixture.run(Rule.MIRROR, defaults.withDeleteHandling(DeleteHandling.ARCHIVE), a, b)
                .summary();
        assertEquals(read(a), read(b));
        assertEquals(1, summary.archived());
        assertEquals(Map.of(".syncline-archive/", "", ".syncline-archive/gone~20250304-050607-000.txt", "precious"),
                without(read(b, true), "keep.txt"));
    }

    @Test
    void mirrorWithDeletesTurnedOffKeepsExtras() throws IOException {
        write(a, tree("a.txt", "1"), T0);
        write(b, tree("extra.txt", "e"), T0);
        fixture.run(Rule.MIRROR, defaults.withDeleteHandling(DeleteHandling.NEVER), a, b);
        assertEquals(tree("a.txt", "1", "extra.txt", "e"), read(b));
    }

    @Test
    void recentMasterCopySpreadsNewestVersionAndNeverDeletes() throws IOException {
        put(a, "f.txt", "older on a", T0);
        put(b, "f.txt", "newer on b", T0 + 60_000);
        put(a, "only-a.txt", "a", T0);
        put(b, "only-b.txt", "b", T0);
        fixture.run(Rule.RECENT_MASTER_COPY, defaults, a, b);
        Map<String, String> expected = tree("f.txt", "newer on b", "only-a.txt", "a", "only-b.txt", "b");
        assertEquals(expected, read(a));
        assertEquals(expected, read(b));
    }

    @Test
    void differingMasterCopyOverwritesEvenNewerTargetsAndKeepsExtras() throws IOException {
        write(a, tree("f.txt", "master", "same.txt", "s"), T0);
        write(b, tree("same.txt", "s", "extra.txt", "e"), T0);
        put(b, "f.txt", "newer but not master", T0 + 60_000);
        RunSummary summary = fixture.run(Rule.DIFFERING_MASTER_COPY, defaults, a, b).summary();
        assertEquals(tree("extra.txt", "e", "f.txt", "master", "same.txt", "s"), read(b));
        assertEquals(tree("f.txt", "master", "same.txt", "s"), read(a));
        assertEquals(1, summary.copied(), "identical files are not copied");
    }

    @Test
    void forcedMasterCopyCopiesEvenIdenticalFiles() throws IOException {
        write(a, tree("f.txt", "master", "same.txt", "s"), T0);
        write(b, tree("same.txt", "s", "extra.txt", "e"), T0);
        RunSummary summary = fixture.run(Rule.FORCED_MASTER_COPY, defaults, a, b).summary();
        assertEquals(2, summary.copied());
        assertEquals(tree("extra.txt", "e", "f.txt", "master", "same.txt", "s"), read(b));
    }

    @Test
    void multiMirrorMergesFirstThenPropagatesChangesAndDeletes() throws IOException {
        Path c = Files.createDirectories(temp.resolve("c"));
        put(a, "a.txt", "a", T0);
        put(b, "b.txt", "b", T0);
        put(c, "sub/c.txt", "c", T0);
        put(b, "gone-before-first-run-elsewhere.txt", "kept", T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b, c);
        Map<String, String> merged = tree("a.txt", "a", "b.txt", "b", "gone-before-first-run-elsewhere.txt", "kept",
                "sub/", "", "sub/c.txt", "c");
        assertEquals(merged, read(a));
        assertEquals(merged, read(b));
        assertEquals(merged, read(c));

        Files.delete(a.resolve("a.txt"));
        put(b, "b.txt", "b changed", T0 + 10_000);
        put(c, "new.txt", "n", T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b, c);
        Map<String, String> after = tree("b.txt", "b changed", "gone-before-first-run-elsewhere.txt", "kept",
                "new.txt", "n", "sub/", "", "sub/c.txt", "c");
        assertEquals(after, read(a));
        assertEquals(after, read(b));
        assertEquals(after, read(c));
    }

    @Test
    void multiMirrorChangeBeatsDelete() throws IOException {
        write(a, tree("f.txt", "v1", "other.txt", "o"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        Files.delete(a.resolve("f.txt"));
        put(b, "f.txt", "v2", T0 + 1000);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        assertEquals(tree("f.txt", "v2", "other.txt", "o"), read(a));
        assertEquals(tree("f.txt", "v2", "other.txt", "o"), read(b));
    }

    @Test
    void conflictNewestWinsArchivesLoserAndLogsConflict() throws IOException {
        write(a, tree("f.txt", "base"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        put(a, "f.txt", "edit on a (older)", T0 + 1000);
        put(b, "f.txt", "edit on b (newer)", T0 + 2000);
        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, defaults, a, b).summary();
        assertEquals(tree("f.txt", "edit on b (newer)"), read(a));
        assertEquals(tree("f.txt", "edit on b (newer)"), read(b));
        assertEquals(1, summary.conflicts());
        assertEquals("edit on a (older)", read(a, true).get(".syncline-archive/f~20250304-050607-000.txt"));
    }

    @Test
    void conflictKeepBothMakesConflictCopyEverywhere() throws IOException {
        write(a, tree("doc/report.txt", "base"), T0);
        fixture.run(Rule.EXCHANGING_COPIES, defaults, a, b);
        put(a, "doc/report.txt", "a's edit", T0 + 2000);
        put(b, "doc/report.txt", "b's edit", T0 + 1000);
        fixture.run(Rule.EXCHANGING_COPIES, defaults.withConflictPolicy(ConflictPolicy.KEEP_BOTH), a, b);
        String machine = org.syncline.sync.replica.LocalReplica.open(b).machineName().replaceAll("[^A-Za-z0-9_-]", "_");
        Map<String, String> expected = tree("doc/", "", "doc/report.txt", "a's edit",
                "doc/report.conflict-" + machine + "-20250304-050607.txt", "b's edit");
        assertEquals(expected, read(a));
        assertEquals(expected, read(b));
        assertTrue(fixture.run(Rule.EXCHANGING_COPIES, defaults, a, b).plan().changesNothing());
    }

    @Test
    void conflictKeepBothMakesAConflictCopyOfANameAsLongAsAFileSystemHolds() throws IOException {
        String name = "n".repeat(246) + ".txt";
        write(a, tree(name, "base"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        put(a, name, "a's edit", T0 + 2000);
        put(b, name, "b's edit", T0 + 1000);
        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, defaults.withConflictPolicy(ConflictPolicy.KEEP_BOTH), a, b)
                .summary();
        assertEquals(0, summary.errors(), summary.message());
        Map<String, String> expected = read(a);
        assertEquals(2, expected.size(), expected.toString());
        assertEquals("a's edit", expected.get(name));
        String copy = expected.keySet().stream().filter(path -> !path.equals(name)).findFirst().orElseThrow();
        assertTrue(copy.matches("n+~[0-9a-f]{8}\\.conflict-.+-20250304-050607\\.txt") && copy.length() == 255, copy);
        assertEquals("b's edit", expected.get(copy));
        assertEquals(expected, read(b));
        assertTrue(fixture.run(Rule.MULTI_MIRROR, defaults, a, b).plan().changesNothing());
    }

    @Test
    void theSameContentSavedOnBothPathsIsNoConflictOnlyItsTimeIsAligned() throws IOException {
        write(a, tree("report.txt", "base", "other.txt", "base"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        put(a, "report.txt", "final text", T0 + 5000);
        put(b, "report.txt", "final text", T0 + 3000);
        put(a, "other.txt", "text of a", T0 + 5000);
        put(b, "other.txt", "text of b", T0 + 3000);
        SyncRun.Result result = fixture.run(Rule.MULTI_MIRROR, defaults.withConflictPolicy(ConflictPolicy.KEEP_BOTH), a, b);
        assertEquals(1, result.summary().conflicts(), "only other.txt, whose sizes match but bytes differ");
        assertEquals(2, result.summary().copied(), "only other.txt: a's version to b, b's conflict copy to a");
        assertTrue(read(a).keySet().stream().noneMatch(path -> path.startsWith("report.conflict")), read(a).toString());
        assertEquals("final text", Files.readString(b.resolve("report.txt")));
        assertEquals(T0 + 5000, Files.getLastModifiedTime(b.resolve("report.txt")).toMillis(), "the newer time on both");
        assertEquals(read(a), read(b));
        assertTrue(fixture.run(Rule.MULTI_MIRROR, defaults, a, b).plan().changesNothing());
    }

    @Test
    void aFileThatBecameAFolderReplacesTheUnchangedFileElsewhereAndNotTheOtherWayRound() throws IOException {
        write(a, tree("notes", "a file", "plans/q1.txt", "q1"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        Files.delete(a.resolve("notes"));
        put(a, "notes/monday.txt", "now a folder", T0 + 1000);
        Files.delete(b.resolve("plans/q1.txt"));
        Files.delete(b.resolve("plans"));
        put(b, "plans", "now a file", T0 + 1000);

        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, defaults.withDeleteHandling(DeleteHandling.ARCHIVE), a, b)
                .summary();
        assertEquals(0, summary.errors(), summary.toString());
        assertEquals("now a folder", Files.readString(b.resolve("notes/monday.txt")), "the folder replaced the file");
        assertTrue(read(b, true).entrySet().stream().anyMatch(entry -> entry.getKey().startsWith(".syncline-archive/notes~")
                && entry.getValue().equals("a file")), "the file it replaced was archived: " + read(b, true));
        assertTrue(Files.isDirectory(a.resolve("plans")) && Files.isRegularFile(b.resolve("plans")),
                "a folder that became a file is left for the user: its content elsewhere is not known yet");
        assertTrue(fixture.runLog.actions(fixture.runLog.lastRunId()).stream().anyMatch(action -> action.path().equals("plans")
                && action.message().contains("resolve it by hand")));
        RunSummary next = fixture.run(Rule.MULTI_MIRROR, defaults, a, b).summary();
        assertEquals(0, next.copied() + next.deleted(), next.toString());
    }

    @Test
    void conflictWarnAndSkipLeavesBothAndKeepsReporting() throws IOException {
        write(a, tree("f.txt", "base"), T0);
        fixture.run(Rule.MULTI_MIRROR, defaults, a, b);
        put(a, "f.txt", "a edit", T0 + 1000);
        put(b, "f.txt", "b edit", T0 + 2000);
        SyncOptions warn = defaults.withConflictPolicy(ConflictPolicy.WARN_AND_SKIP);
        RunSummary first = fixture.run(Rule.MULTI_MIRROR, warn, a, b).summary();
        assertEquals(tree("f.txt", "a edit"), read(a));
        assertEquals(tree("f.txt", "b edit"), read(b));
        assertEquals(1, first.conflicts());
        assertEquals(1, fixture.run(Rule.MULTI_MIRROR, warn, a, b).summary().conflicts(), "still a conflict");
    }

    @Test
    void exchangingCopiesRestoresDeletedFile() throws IOException {
        write(a, tree("f.txt", "v1", "g.txt", "g"), T0);
        fixture.run(Rule.EXCHANGING_COPIES, defaults, a, b);
        Files.delete(b.resolve("f.txt"));
        put(a, "g.txt", "g2", T0 + 1000);
        fixture.run(Rule.EXCHANGING_COPIES, defaults, a, b);
        assertEquals(tree("f.txt", "v1", "g.txt", "g2"), read(b));
        assertEquals(read(a), read(b));
    }

    @Test
    void deleteRulePurgesOldMatchingFilesEverywhere() throws IOException {
        long old = SyncFixture.NOW.minus(Duration.ofDays(10)).toEpochMilli();
        long recent = SyncFixture.NOW.minus(Duration.ofHours(1)).toEpochMilli();
        put(a, "old.tmp", "x", old);
        put(b, "sub/old.tmp", "x", old);
        put(a, "new.tmp", "x", recent);
        put(b, "keep.txt", "x", old);
        SyncOptions purge = defaults.withDeleteOlderThan(Duration.ofDays(2));
        RunSummary summary = fixture.run(Rule.DELETE, purge, Filter.of("*.tmp", "", false), a, b).summary();
        assertEquals(2, summary.deleted());
        assertEquals(tree("new.tmp", "x"), read(a));
        assertEquals(tree("keep.txt", "x", "sub/", ""), read(b));
    }

    @Test
    void skipRuleChangesNothingButScans() throws IOException {
        write(a, tree("a.txt", "1"), T0);
        write(b, tree("b.txt", "2"), T0);
        SyncRun.Result result = fixture.run(Rule.SKIP, defaults, a, b);
        assertEquals(2, result.summary().scanned());
        assertEquals(0, result.plan().size());
        assertEquals(tree("a.txt", "1"), read(a));
        assertEquals(tree("b.txt", "2"), read(b));
    }

    @Test
    void filtersLimitWhatIsSynchronized() throws IOException {
        write(a, tree("doc.txt", "d", "scratch.tmp", "t", "~lock.doc", "l", "Reports/r.txt", "r",
                "Temp/t.txt", "t", "Other/o.txt", "o"), T0);
        fixture.run(Rule.MIRROR, defaults, Filter.of("*.* | -*.tmp | -~*.doc", "-\\Temp\\", false), a, b);
        assertEquals(tree("doc.txt", "d", "Other/", "", "Other/o.txt", "o", "Reports/", "", "Reports/r.txt", "r"),
                read(b));
    }

    private static Map<String, String> without(Map<String, String> tree, String... paths) {
        Map<String, String> copy = new TreeMap<>(tree);
        for (String path : paths) {
            copy.remove(path);
        }
        return copy;
    }
}
