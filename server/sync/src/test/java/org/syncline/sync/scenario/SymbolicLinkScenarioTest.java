package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncRun;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.LINK;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * Symbolic links are synchronized as links to the same target (as {@code rsync -a} copies them),
 * never followed: their targets are compared, changed and deleted like files' contents.
 */
class SymbolicLinkScenarioTest extends TwoFolderScenario {

    @Test
    void linksAreCopiedAsLinksToTheSameTargetAndNeverFollowed() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not part of the job");
        write(a, tree("docs/report-v1.txt", "the report",
                "docs/current.txt", LINK + "report-v1.txt",
                "docs/all", LINK + "../docs",
                "elsewhere", LINK + outside,
                "dangling", LINK + "no/such/file"), T0);

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b), "every link is a link on the target, with the same target");
        assertEquals(5, summary.copied(), "the file and the four links");
        assertTrue(Files.isSymbolicLink(b.resolve("elsewhere")), "the folder a link points to is not copied");
        assertEquals(T0, Files.getLastModifiedTime(b.resolve("docs/current.txt"), LinkOption.NOFOLLOW_LINKS).toMillis(),
                "a link keeps its own time");
        assertTrue(fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing(),
                "the next run has nothing to do");
    }

    @Test
    void aLinkPointedElsewhereOrSwappedForAFileIsReplacedAndTheOldOneArchived() throws IOException {
        SyncOptions options = SyncOptions.defaults().withDeleteHandling(DeleteHandling.ARCHIVE)
                .withArchiveReplaced(true, org.syncline.sync.job.Retention.KEEP_ALL);
        write(a, tree("current", LINK + "release-1", "config", LINK + "../app.conf", "notes.txt", "notes"), T0);
        assertTrue(fixture.run(Rule.MIRROR, options, a, b).summary().succeeded());

        write(a, tree("current", LINK + "release-2", "config", "a file now", "notes.txt", LINK + "docs/notes.txt"), T0 + 60_000);
        RunSummary summary = fixture.run(Rule.MIRROR, options, a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        Map<String, String> archived = read(b, true);
        archived.keySet().removeAll(read(b).keySet());
        assertEquals(List.of(LINK + "../app.conf", LINK + "release-1", "notes"),
                archived.values().stream().filter(value -> !value.isEmpty()).sorted().toList(),
                "the replaced link, the link a file replaced and the file a link replaced are archived: " + archived);
        assertTrue(fixture.preview(Rule.MIRROR, options, a, b).plan().changesNothing());
    }

    @Test
    void removingALinkNeverTouchesWhatItPointsTo() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "kept");
        write(a, tree("kept.txt", "kept"), T0);
        write(b, tree("to-file", LINK + outside.resolve("keep.txt"), "to-folder", LINK + outside,
                "to-inside", LINK + "kept.txt", "old-link.tmp", LINK + outside), T0);

        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(tree("kept.txt", "kept"), read(b), "the links not on the master are deleted");
        assertEquals(tree("keep.txt", "kept"), read(outside), "and what they pointed to is not");

        write(a, tree("old-link.tmp", LINK + outside, "new-link.tmp", LINK + outside), T0);
        write(a, tree("new-link.tmp", LINK + outside), java.time.Instant.now().toEpochMilli());
        SyncOptions purge = SyncOptions.defaults().withDeleteOlderThan(java.time.Duration.ofDays(30));
        RunSummary summary = fixture.run(Rule.DELETE, purge, org.syncline.sync.scan.Filter.of("*.tmp", "", false), a)
                .summary();
        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("kept.txt", "kept", "new-link.tmp", LINK + outside), read(a),
                "a purge removes old links the mask selects, as files");
        assertEquals(tree("keep.txt", "kept"), read(outside));
    }

    @Test
    void multiMirrorPropagatesNewChangedAndDeletedLinksBothWays() throws IOException {
        write(a, tree("from-a", LINK + "x"), T0);
        write(b, tree("from-b", LINK + "y"), T0);
        assertTrue(fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(tree("from-a", LINK + "x", "from-b", LINK + "y"), read(a));
        assertEquals(read(a), read(b));

        Files.delete(b.resolve("from-a"));
        write(a, tree("from-b", LINK + "y2"), T0 + 60_000);
        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("from-b", LINK + "y2"), read(a), "the deletion went to a, the new target to b");
        assertEquals(read(a), read(b));
        assertEquals(0, summary.conflicts());
        assertTrue(fixture.preview(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing());
    }

    @Test
    void aLinkChangedOnBothPathsIsAConflictKeptAsAConflictCopyLink() throws IOException {
        SyncOptions options = SyncOptions.defaults().withConflictPolicy(ConflictPolicy.KEEP_BOTH);
        write(a, tree("latest", LINK + "build-1"), T0);
        assertTrue(fixture.run(Rule.MULTI_MIRROR, options, a, b).summary().succeeded());
        write(a, tree("latest", LINK + "build-2-from-a"), T0 + 60_000);
        write(b, tree("latest", LINK + "build-2-from-b"), T0 + 120_000);

        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, options, a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(1, summary.conflicts());
        assertEquals(read(a), read(b));
        Map<String, String> tree = read(a);
        assertEquals(LINK + "build-2-from-b", tree.get("latest"), "the newest keeps the name");
        assertTrue(tree.entrySet().stream().anyMatch(entry -> entry.getKey().startsWith("latest.conflict-")
                && entry.getValue().equals(LINK + "build-2-from-a")), "the other is kept as a link: " + tree);

        write(b, tree("latest", LINK + "build-2-from-a"), T0 + 180_000);
        write(a, tree("latest", LINK + "build-2-from-a"), T0 + 240_000);
        assertEquals(0, fixture.run(Rule.MULTI_MIRROR, options, a, b).summary().conflicts(),
                "links changed to the same target on both paths are no conflict");
    }

    @Test
    void aLinkWhoseTargetIsNotUtf8IsReportedAndNotCopiedWhileTheRestIs() throws Exception {
        write(a, tree("file.txt", "copied"), T0);
        Process link = new ProcessBuilder("python3", "-c", "import os,sys; os.symlink(b'caf\\xe9', os.path.join(sys.argv[1], 'odd'))",
                a.toString()).inheritIO().start();
        assertEquals(0, link.waitFor());

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertEquals(tree("file.txt", "copied"), read(b));
        List<FileAction> skipped = skipped();
        assertEquals(List.of("odd"), skipped.stream().map(FileAction::path).toList());
        assertTrue(skipped.get(0).message().contains("whose target cannot be read or is not valid UTF-8"),
                skipped.get(0).message());
        assertEquals(0, summary.errors());
    }

    @Test
    void aTargetThatCannotHoldLinksSkipsThemWithTheReasonAndTouchesNothingThere() throws Exception {
        try (ScratchMount usb = ScratchMount.exfat(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            write(a, tree("file.txt", "copied", "link", LINK + "file.txt"), T0);

            SyncRun.Result run = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target);

            assertEquals(tree("file.txt", "copied"), read(target));
            List<FileAction> skipped = skipped();
            assertEquals(1, skipped.size(), skipped::toString);
            assertEquals("link", skipped.get(0).path());
            assertTrue(skipped.get(0).message().contains("cannot hold links"), skipped.get(0).message());
            assertEquals(0, run.summary().errors());
        }
    }

    private List<FileAction> skipped() {
        return fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(action -> action.action().equals(ActionType.SKIP.name())).toList();
    }
}
