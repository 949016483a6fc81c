package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.deleteTree;
import static org.syncline.sync.Trees.put;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/** Preview, the mass-delete guard, version retention and attribute keeping, on real folders. */
class GuardsAndPreviewScenarioTest extends TwoFolderScenario {


    @Test
    void previewShowsEverythingAndChangesNothingByteForByte() throws IOException {
        write(a, tree("new.txt", "n", "changed.txt", "new", "sub/deep.txt", "d"), T0 + 1000);
        write(b, tree("changed.txt", "old", "extra.txt", "x", "extra/inner.txt", "i"), T0);
        Map<String, String> before = fingerprint(temp);
        SyncRun.Result result = fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b);
        assertEquals(before, fingerprint(temp), "names, contents, times and permissions unchanged");
        Map<ActionType, Integer> counts = result.plan().counts();
        assertEquals(3, counts.get(ActionType.COPY));
        assertEquals(3, counts.get(ActionType.DELETE));
        assertEquals(1, counts.get(ActionType.MKDIR));
        assertTrue(fixture.state.load("job-MIRROR").isEmpty(), "a preview saves no state");
    }

    @Test
    void massDeleteGuardCancelsBeforeDeletingAnything() throws IOException {
        write(a, tree("keep.txt", "k", "changed.txt", "new"), T0 + 1000);
        write(b, tree("1", "", "2", "", "3", "", "4", "", "5", "", "changed.txt", "old"), T0);
        Map<String, String> before = read(b);
        SyncOptions guarded = SyncOptions.defaults().withMassDeleteGuard(new MassDeleteGuard(2, 5));
        RunSummary summary = fixture.run(Rule.MIRROR, guarded, a, b).summary();
        assertTrue(summary.cancelled());
        assertTrue(summary.message().contains("5"), summary.message());
        assertEquals(before, read(b), "nothing changed, not even the copies");
        assertTrue(fixture.state.load("job-MIRROR").isEmpty());
    }

    @Test
    void massDeleteGuardWarnsAndProceedsBelowCancelLimit() throws IOException {
        write(a, tree("keep.txt", "k"), T0);
        write(b, tree("1", "", "2", ""), T0);
        SyncOptions guarded = SyncOptions.defaults().withMassDeleteGuard(new MassDeleteGuard(2, 10));
        RunSummary summary = fixture.run(Rule.MIRROR, guarded, a, b).summary();
        assertTrue(summary.succeeded());
        assertEquals(read(a), read(b));
        assertTrue(fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .anyMatch(action -> action.action().equals("GUARD") && action.outcome() == Outcome.WARNING));
    }

    @Test
    void anEmptiedPathLikeADiskThatIsNotMountedDeletesNothingUntilAllowed() throws IOException {
        for (Rule rule : List.of(Rule.MIRROR, Rule.MULTI_MIRROR)) {
            Path source = temp.resolve(rule + "-source");
            Path target = Files.createDirectory(temp.resolve(rule + "-target"));
            write(source, tree("a.txt", "a", "docs/b.txt", "b"), T0);
            assertTrue(fixture.run(rule, SyncOptions.defaults(), source, target).summary().succeeded());
            Map<String, String> synced = read(target);
            deleteTree(source);
            Files.createDirectory(source);

            RunSummary refused = fixture.run(rule, SyncOptions.defaults(), source, target).summary();
            assertTrue(refused.cancelled(), rule.toString());
            assertEquals(source + " is empty, but it held 3 entries at the last sync. If it is a disk or network share"
                    + " that is not mounted, mount it and run again; if it was emptied on purpose, run again with"
                    + " --allow-emptied to let the plan's 3 deletions go ahead. Nothing was changed", refused.message());
            assertEquals(synced, read(target), rule + ": nothing deleted");
            assertTrue(fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                    .anyMatch(action -> action.action().equals("GUARD") && action.outcome() == Outcome.FAILED));
            assertTrue(fixture.run(rule, SyncOptions.defaults(), source, target).summary().cancelled(),
                    "refused again on the next run");
            assertEquals(synced, read(target));

            RunSummary allowed = fixture.runAllowingEmptied(rule, SyncOptions.defaults(), source, target).summary();
            assertTrue(allowed.succeeded(), allowed.message());
            assertEquals(Map.of(), read(target), rule + ": the deletions followed once allowed");
        }
    }

    @Test
    void anEmptiedTargetLikeADiskThatIsNotMountedIsNotFilledAgainUntilAllowedAndAFirstRunIsNotHeldBack()
            throws IOException {
        write(a, tree("a.txt", "a", "docs/b.txt", "b"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        deleteTree(b);
        Files.createDirectory(b);

        RunSummary refused = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(refused.cancelled());
        assertEquals(b + " is empty, but it held 3 entries at the last sync. If it is a disk or network share that is"
                + " not mounted, mount it and run again (a copy now would fill the disk it is mounted on); if it was"
                + " emptied on purpose, run again with --allow-emptied to copy everything to it again. Nothing was"
                + " changed", refused.message());
        assertEquals(Map.of(), read(b), "nothing copied onto the disk below a mount point");
        RunSummary allowed = fixture.runAllowingEmptied(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();
        assertTrue(allowed.succeeded(), allowed.message());
        assertEquals(read(a), read(b), "filled again once allowed");

        Path fresh = temp.resolve("fresh");
        Files.createDirectory(fresh);
        Path full = temp.resolve("full");
        write(full, tree("old.txt", "o"), T0);
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), fresh, full).summary().succeeded(),
                "no saved state: nothing to compare with");
        assertEquals(Map.of(), read(full));
    }

    @Test
    void replacedVersionsAreArchivedAndPrunedToTheNewestN() throws IOException {
        SyncOptions versions = SyncOptions.defaults().withArchiveReplaced(true, Retention.versions(2));
        for (int version = 1; version <= 4; version++) {
            put(a, "f.txt", "v" + version, T0 + version * 1000L);
            fixture.run(Rule.MIRROR, versions, a, b);
            fixture.advance(java.time.Duration.ofMinutes(1));
        }
        assertEquals("v4", read(b).get("f.txt"));
        Map<String, String> archive = new TreeMap<>(read(b, true));
        archive.keySet().removeIf(path -> !path.startsWith(".syncline-archive/f~"));
        assertEquals(2, archive.size(), archive.toString());
        assertTrue(archive.containsValue("v3") && archive.containsValue("v2"), archive.toString());
    }

    @Test
    void versionsOfANameAsLongAsAFileSystemHoldsAreArchivedAndPrunedApartFromASiblingsVersions() throws IOException {
        String name = "n".repeat(246) + ".txt";
        String sibling = "n".repeat(245) + "m.txt";
        SyncOptions versions = SyncOptions.defaults().withArchiveReplaced(true, Retention.versions(2));
        for (int version = 1; version <= 4; version++) {
            put(a, name, "v" + version, T0 + version * 1000L);
            put(a, sibling, "s" + version, T0 + version * 1000L);
            assertTrue(fixture.run(Rule.MIRROR, versions, a, b).summary().succeeded());
            fixture.advance(java.time.Duration.ofMinutes(1));
        }
        assertEquals("v4", read(b).get(name));
        Map<String, String> archive = new TreeMap<>(read(b, true));
        archive.keySet().removeIf(path -> !path.startsWith(".syncline-archive/") || path.endsWith("/"));
        assertEquals(2 + 2, archive.size(), archive.toString());
        assertEquals("[s2, s3, v2, v3]", archive.values().stream().sorted().toList().toString());
        assertTrue(archive.keySet().stream().allMatch(path -> path.length() - ".syncline-archive/".length() <= 255));
    }

    @Test
    void aFileDatedLaterThanACopyCanBeDatedIsCopiedOnceNotOnEveryRun() throws Exception {
        put(a, "from-the-future.txt", "broken clock", T0);
        Path file = a.resolve("from-the-future.txt");
        // Java cannot set a time after 2262; touch can, where the file system keeps it (ext4: to 2446).
        boolean dated = new ProcessBuilder("touch", "-d", "2400-01-01 00:00:00", file.toString()).start().waitFor() == 0
                && Files.getLastModifiedTime(file).toInstant().isAfter(java.time.Instant.parse("2300-01-01T00:00:00Z"));
        org.junit.jupiter.api.Assumptions.assumeTrue(dated, "the file system cannot keep the year 2400");
        assertEquals(1, fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().copied());
        assertTrue(Files.getLastModifiedTime(b.resolve("from-the-future.txt")).toInstant()
                .isAfter(java.time.Instant.parse("2262-01-01T00:00:00Z")), "dated as late as a copy can be");
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing(), "not copied again");
    }

    @Test
    void modificationTimesAndPermissionsAreKept() throws IOException {
        put(a, "script.sh", "#!/bin/sh", T0 + 123);
        Files.setPosixFilePermissions(a.resolve("script.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        assertEquals(T0 + 123, Files.getLastModifiedTime(b.resolve("script.sh")).toMillis());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(b.resolve("script.sh"))));
        Files.setPosixFilePermissions(a.resolve("script.sh"), PosixFilePermissions.fromString("rw-------"));
        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();
        assertEquals(0, summary.copied(), "a permission change is applied without copying");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b.resolve("script.sh"))));
    }

    /** Every entry under {@code root} with content hash, size, time and permissions. */
    private static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> prints = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                prints.put(root.relativize(dir) + "/", attrs.lastModifiedTime() + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                prints.put(root.relativize(file).toString(), Arrays.hashCode(Files.readAllBytes(file)) + " "
                        + attrs.size() + " " + attrs.lastModifiedTime() + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                return FileVisitResult.CONTINUE;
            }
        });
        return prints;
    }
}
