package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.Trees;
import org.syncline.sync.exec.Executor;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.replica.ChangeJournals;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.StateRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.put;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * Files moved or renamed on one path are renamed on the others (when the bytes are the same),
 * not copied again; everything else about the run stays as the plan says.
 */
class MoveScenarioTest extends TwoFolderScenario {

    /** A mass-delete guard that warns at 3 deletions and cancels at 10. */
    private static final SyncOptions GUARDED = SyncOptions.defaults().withMassDeleteGuard(new MassDeleteGuard(3, 10));

    @Test
    void aRenamedFolderIsRenamedOnTheTargetNotCopiedAgain() throws IOException {
        write(a, tree("projects/2025/plan.txt", "the plan " + "p".repeat(5000),
                "projects/2025/budget.txt", "the budget " + "b".repeat(7000),
                "projects/2025/notes/minutes.txt", "minutes " + "m".repeat(3000),
                "other.txt", "other"), T0);
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        Path plan = pin(b.resolve("projects/2025/plan.txt"));
        Path minutes = pin(b.resolve("projects/2025/notes/minutes.txt"));

        Files.move(a.resolve("projects/2025"), a.resolve("projects/2025-closed"));
        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        assertEquals(3, summary.moved());
        assertEquals(0, summary.copied(), "nothing copied again");
        assertEquals(0, summary.bytes());
        assertEquals(2, summary.deleted(), "the old folder and its subfolder");
        assertTrue(same(plan, b.resolve("projects/2025-closed/plan.txt")), "the same file, renamed");
        assertTrue(same(minutes, b.resolve("projects/2025-closed/notes/minutes.txt")));
        List<FileAction> moves = logged(FileAction.MOVE);
        assertEquals(3, moves.size());
        assertTrue(moves.stream().anyMatch(move -> move.path().equals("projects/2025-closed/plan.txt")
                && move.message().equals("renamed from projects/2025/plan.txt, which held the same bytes, instead of"
                + " copying it again") && move.outcome() == Outcome.DONE), moves.toString());
        assertTrue(fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing(),
                "the state says so too: the next run has nothing to do");
    }

    @Test
    void aFileMovedAfterItWasCopiedIsRecognizedByItsSavedHashWithoutReadingTheTargetsCopy() throws IOException {
        write(a, tree("reports/q1.txt", "first quarter " + "q".repeat(4000),
                "reports/q2.txt", "second quarter " + "r".repeat(4000)), T0);
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(2, savedHashes(), "the copies saved the hash of what they wrote, on both paths");
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(2, savedHashes(), "a run with nothing to do keeps them");
        Path q1 = pin(b.resolve("reports/q1.txt"));
        Files.move(a.resolve("reports"), a.resolve("reports-2025"));
        List<String> read = new CopyOnWriteArrayList<>();

        RunSummary summary = runRecordingReads(b, read);

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(2, summary.moved());
        assertEquals(0, summary.copied());
        assertEquals(List.of(), read, "the target's files were not read again");
        assertTrue(same(q1, b.resolve("reports-2025/q1.txt")));
        assertEquals(read(a), read(b));
        assertEquals(2, savedHashes(), "the moved files keep a hash for their next move");
    }

    @Test
    void anEngineRenamesARenamedFoldersFilesWithoutReadingThemButReadsOneRewrittenSinceItsCopy() throws Exception {
        write(a, tree("projects/2025/plan.txt", "the plan " + "p".repeat(5000),
                "projects/2025/budget.txt", "the budget " + "b".repeat(7000),
                "projects/2025/notes/minutes.txt", "minutes " + "m".repeat(3000)), T0);
        Thread.sleep(1_100); // the files' change times settle: a copy then notes their hashes
        try (ChangeJournals journals = ChangeJournals.open()) {
            assertTrue(runIn(journals, new ArrayList<>()).succeeded());
            assertEquals(3, journals.status().rememberedHashes(), "the copies noted what they read");
            Path plan = pin(b.resolve("projects/2025/plan.txt"));
            Path minutes = pin(b.resolve("projects/2025/notes/minutes.txt"));
            Path budget = a.resolve("projects/2025/budget.txt");
            FileTime time = Files.getLastModifiedTime(budget);
            Files.writeString(budget, "the BUDGET " + "B".repeat(7000)); // same size, and the time set back:
            Files.setLastModifiedTime(budget, time);                     // only the change time tells
            Files.move(a.resolve("projects/2025"), a.resolve("projects/2025-closed"));
            List<String> read = new CopyOnWriteArrayList<>();

            RunSummary summary = runIn(journals, read);

            assertTrue(summary.succeeded(), summary.message());
            assertEquals(read(a), read(b), "the rewritten budget was copied, not renamed from its old version");
            assertEquals(List.of("projects/2025-closed/budget.txt"), read.stream().distinct().toList(),
                    "the source's unchanged files were not read, the rewritten one was (to compare it, then to copy it)");
            assertEquals(2, summary.moved());
            assertEquals(1, summary.copied());
            assertTrue(same(plan, b.resolve("projects/2025-closed/plan.txt")), "the same file, renamed");
            assertTrue(same(minutes, b.resolve("projects/2025-closed/notes/minutes.txt")));
            assertEquals(3, savedHashes(), "the moved files keep their hash for the next run");
        }
    }

    @Test
    void filesThatWereAlikeBeforeTheFirstRunHaveNoSavedHashAndAreMovedByReadingBoth() throws IOException {
        write(a, tree("docs/a.txt", "alpha " + "a".repeat(3000)), T0);
        write(b, tree("docs/a.txt", "alpha " + "a".repeat(3000)), T0);
        RunSummary first = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();
        assertEquals(0, first.copied(), "nothing to copy");
        assertEquals(0, savedHashes(), "nothing was read, so no hash is known");
        Files.move(a.resolve("docs"), a.resolve("papers"));
        List<String> read = new CopyOnWriteArrayList<>();

        RunSummary summary = runRecordingReads(b, read);

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(1, summary.moved());
        assertEquals(List.of("docs/a.txt"), read, "the target's copy was read to compare");
        assertEquals(read(a), read(b));
    }

    @Test
    void aForcedCopyOfAFileEditedWithItsSizeAndTimeKeptSavesTheHashOfWhatItWrote() throws IOException {
        write(a, tree("data.bin", "version one"), T0);
        assertTrue(fixture.run(Rule.FORCED_MASTER_COPY, SyncOptions.defaults(), a, b).summary().succeeded());
        put(a, "data.bin", "version two", T0); // same size, same time: only a forced copy takes it

        RunSummary summary = fixture.run(Rule.FORCED_MASTER_COPY, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("data.bin", "version two"), read(b));
        String written = ContentHash.of("version two".getBytes(StandardCharsets.UTF_8));
        StateRow row = saved(Rule.FORCED_MASTER_COPY).get("data.bin");
        assertEquals(written, row.state(0).hash(), "not the hash saved for version one");
        assertEquals(written, row.state(1).hash());
    }

    @Test
    void aPreviewShowsTheCopyAndTheDeletionAsPlanned() throws IOException {
        write(a, tree("old.txt", "content"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Files.move(a.resolve("old.txt"), a.resolve("new.txt"));
        Map<ActionType, Integer> counts = fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().counts();
        assertEquals(1, counts.get(ActionType.COPY));
        assertEquals(1, counts.get(ActionType.DELETE));
        assertEquals(tree("old.txt", "content"), read(b), "a preview changes nothing");
    }

    @Test
    void sameSizeAndTimeButOtherBytesIsCopiedAndDeletedAsPlanned() throws IOException {
        write(a, tree("first.txt", "aaaa"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Path first = pin(b.resolve("first.txt"));
        Files.delete(a.resolve("first.txt"));
        put(a, "second.txt", "bbbb", T0);

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("second.txt", "bbbb"), read(b));
        assertEquals(0, summary.moved());
        assertEquals(1, summary.copied());
        assertEquals(1, summary.deleted());
        assertFalse(same(first, b.resolve("second.txt")), "copied, not renamed");
        assertTrue(logged(FileAction.MOVE).isEmpty());
    }

    @Test
    void filesOfTheSameSizeAndTimeEachFindTheirOwn() throws IOException {
        // Renamed in one folder with their names kept: each pairs with its own name first.
        write(a, tree("in/1.txt", "one", "in/2.txt", "two", "in/3.txt", "six", "in/4.txt", "ten"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Map<String, Path> pins = new TreeMap<>();
        for (String name : List.of("1.txt", "2.txt", "3.txt", "4.txt")) {
            pins.put(name, pin(b.resolve("in").resolve(name)));
        }
        Files.move(a.resolve("in"), a.resolve("out"));

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        assertEquals(4, summary.moved());
        for (Map.Entry<String, Path> pin : pins.entrySet()) {
            assertTrue(same(pin.getValue(), b.resolve("out").resolve(pin.getKey())), pin.getKey());
        }
    }

    @Test
    void aRenamedFileWithOtherFilesOfItsSizeAndTimeIsStillMovedByItsBytes() throws IOException {
        // Another file with the same size and time is removed too: the one with the same bytes is taken.
        write(a, tree("keep/report.txt", "yes", "keep/draft.txt", "nop"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Path report = pin(b.resolve("keep/report.txt"));
        Files.delete(a.resolve("keep/draft.txt"));
        Files.move(a.resolve("keep/report.txt"), a.resolve("keep/final.txt"));

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("keep/", "", "keep/final.txt", "yes"), read(b));
        assertEquals(1, summary.moved());
        assertEquals(1, summary.deleted());
        assertTrue(same(report, b.resolve("keep/final.txt")));
    }

    @Test
    void aMovedFileIsNotArchivedButARemovedOneStillIs() throws IOException {
        SyncOptions archiving = SyncOptions.defaults().withDeleteHandling(DeleteHandling.ARCHIVE);
        write(a, tree("moved.txt", "moving content", "gone.txt", "deleted content"), T0);
        fixture.run(Rule.MIRROR, archiving, a, b);
        Files.move(a.resolve("moved.txt"), a.resolve("renamed.txt"));
        Files.delete(a.resolve("gone.txt"));

        RunSummary summary = fixture.run(Rule.MIRROR, archiving, a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        assertEquals(1, summary.moved());
        assertEquals(1, summary.archived(), "only the file that is gone");
        Map<String, String> archived = read(b.resolve(".syncline-archive"));
        assertTrue(archived.values().stream().anyMatch("deleted content"::equals), archived.toString());
        assertTrue(archived.values().stream().noneMatch("moving content"::equals), "its bytes are at its new name");
    }

    @Test
    void theMovedFileGetsTheSourcesPermissionsAndTime() throws IOException {
        write(a, tree("tool.sh", "#!/bin/sh\necho hi\n"), T0);
        Files.setPosixFilePermissions(a.resolve("tool.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Files.move(a.resolve("tool.sh"), a.resolve("run.sh"));
        Files.setPosixFilePermissions(a.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertEquals(1, summary.moved());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(b.resolve("run.sh"))));
        assertEquals(Files.getLastModifiedTime(a.resolve("run.sh")), Files.getLastModifiedTime(b.resolve("run.sh")));
        assertTrue(fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing());
    }

    @Test
    void aFileThatBecameAFolderHoldingItIsHandledAsPlanned() throws IOException {
        // The folder must be created where the file is: the file cannot wait to be renamed into it.
        write(a, tree("report", "the report"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        Files.move(a.resolve("report"), a.resolve("report.tmp"));
        Files.createDirectory(a.resolve("report"));
        Files.move(a.resolve("report.tmp"), a.resolve("report/report"));

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("report/", "", "report/report", "the report"), read(b));
        assertEquals(0, summary.moved());
    }

    @Test
    void aRenameOnEitherPathOfAMultiMirrorIsRenamedOnTheOther() throws IOException {
        write(a, tree("docs/letter.txt", "dear " + "x".repeat(4000)), T0);
        fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b);
        Path letter = pin(a.resolve("docs/letter.txt"));
        Files.move(b.resolve("docs/letter.txt"), b.resolve("docs/letter-sent.txt"));

        RunSummary summary = fixture.run(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(tree("docs/", "", "docs/letter-sent.txt", "dear " + "x".repeat(4000)), read(a));
        assertEquals(read(a), read(b));
        assertEquals(1, summary.moved());
        assertTrue(same(letter, a.resolve("docs/letter-sent.txt")));
        assertTrue(fixture.preview(Rule.MULTI_MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing());
    }

    @Test
    void aTargetFileChangedSinceTheLastSyncIsNotTakenForTheMovedOneWhereNoHashWasSaved() throws IOException {
        // The target's old file was edited in place (same size, time set back): its bytes differ, so it
        // is not renamed. (With a hash saved by the copy that wrote it, the run trusts size and time as
        // it does for a file that stays in place, and takes it; a job comparing content reads both.)
        write(a, tree("a.txt", "original"), T0);
        write(b, tree("a.txt", "original"), T0);
        fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b);
        assertEquals(0, savedHashes(), "nothing copied, no hash saved");
        Files.move(a.resolve("a.txt"), a.resolve("b.txt"));
        put(b, "a.txt", "modified", T0);

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertEquals(0, summary.moved());
        assertEquals(tree("b.txt", "original"), read(b));
    }

    @Test
    void onAnExfatDiskFoldersRenamedAreMovedAndACaseOnlyRenameStillEndsAsOnTheSource() throws Exception {
        try (ScratchMount usb = ScratchMount.exfat(temp.resolve("usb"), temp.resolve("usb.img"))) {
            Path target = Files.createDirectory(usb.path().resolve("backup"));
            // Times finer than exFAT keeps: the target's are coarser, and still the same for the pairing.
            write(a, tree("Docs/letter.txt", "letter", "photos/2024/beach.jpg", "beach " + "j".repeat(9000)),
                    1_700_000_001_234L);
            assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, target).summary().succeeded());
            Files.move(a.resolve("photos/2024"), a.resolve("photos/2024-summer"));
            Files.move(a.resolve("Docs"), a.resolve("docs"));
            List<String> read = new CopyOnWriteArrayList<>();

            RunSummary summary = runRecordingReads(target, read);

            assertEquals(0, summary.errors(), summary.toString());
            assertEquals(List.of(), read, "the photo's old copy is known by the hash saved when it was copied,"
                    + " its time being the saved one within what exFAT keeps of a time");
            assertEquals(read(a), read(target));
            assertEquals(1, summary.moved(), "the photo; the letter's folder differs only in case, so it is copied");
            assertEquals(List.of("photos/2024-summer/beach.jpg"), logged(FileAction.MOVE).stream().map(FileAction::path).toList(),
                    "renamed (exFAT has no hard links to tell it by)");
            assertTrue(fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, target).plan().changesNothing());
        }
    }

    @Test
    void renamingAFolderOfManyFilesIsNotTakenForAMassDeletion() throws IOException {
        syncThirtyReports();

        Files.move(a.resolve("reports"), a.resolve("reports-2025"));
        Plan preview = fixture.preview(Rule.MIRROR, GUARDED, a, b).plan();
        assertEquals(31, preview.removals(), "30 files and their folder");
        assertEquals(30, preview.likelyMoves());
        assertEquals(Optional.empty(), Executor.refusal(preview, GUARDED, false), "the preview does not say cancelled");
        RunSummary summary = fixture.run(Rule.MIRROR, GUARDED, a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertFalse(summary.cancelled());
        assertEquals(30, summary.moved());
        assertEquals(read(a), read(b));
        assertTrue(logged(FileAction.GUARD).isEmpty(), "one folder removed is below the warning limit too");
    }

    @Test
    void filesDeletedWhileOthersOfOtherSizesAreAddedAreStillAMassDeletion() throws IOException {
        syncThirtyReports();
        Map<String, String> before = read(b);

        Trees.deleteTree(a.resolve("reports"));
        Map<String, String> others = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            others.put("other/o" + i + ".txt", "other " + i + " " + "y".repeat(100 * i + 50));
        }
        write(a, others, T0);
        RunSummary summary = fixture.run(Rule.MIRROR, GUARDED, a, b).summary();

        assertTrue(summary.cancelled());
        assertEquals(before, read(b), "nothing was changed");
        assertTrue(summary.message().contains("the plan deletes 31 entries, at or above the mass-delete limit of 10"),
                summary.message());
        assertFalse(summary.message().contains("not counted"), summary.message());
    }

    @Test
    void theGuardCountsTheRemovalsNoCopyOfTheSameSizeAndTimeMayTakeAndSaysWhichItLeftOut() throws IOException {
        syncThirtyReports();
        Map<String, String> before = read(b);

        Files.move(a.resolve("reports"), a.resolve("reports-2025"));
        for (int i = 0; i < 12; i++) {
            Files.delete(a.resolve("reports-2025/r" + i + ".txt"));
        }
        RunSummary summary = fixture.run(Rule.MIRROR, GUARDED, a, b).summary();

        assertTrue(summary.cancelled(), "12 files and a folder are gone for good");
        assertEquals(before, read(b), "nothing was changed");
        assertTrue(summary.message().contains("the plan deletes 13 entries, at or above the mass-delete limit of 10;"
                + " not counted: 18 files removed where a file of the same size and time is copied, likely moved or"
                + " renamed; nothing was changed"), summary.message());
    }

    /** Writes 30 files of different sizes in {@code reports/} and mirrors them with the guard at {@link #GUARDED}. */
    private void syncThirtyReports() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            files.put("reports/r" + i + ".txt", "report " + i + " " + "x".repeat(100 * i));
        }
        write(a, files, T0);
        assertTrue(fixture.run(Rule.MIRROR, GUARDED, a, b).summary().succeeded());
    }

    /** Files whose saved state keeps a content hash, the same on both paths (of the fixture's MIRROR job). */
    private long savedHashes() throws IOException {
        return saved(Rule.MIRROR).values().stream().filter(row -> row.state(0) != null
                && row.state(0).type() == EntryType.FILE && row.state(0).hash() != null && row.state(1) != null
                && row.state(0).hash().equals(row.state(1).hash())).count();
    }

    /** The saved state of the fixture's job of {@code rule} on {@code a} and {@code b}, by path. */
    private Map<String, StateRow> saved(Rule rule) throws IOException {
        Map<String, StateRow> rows = new TreeMap<>();
        try (SavedState saved = fixture.state.read("job-" + rule, List.of(LocalReplica.open(a).id(),
                LocalReplica.open(b).id()))) {
            saved.forEachRemaining(row -> rows.put(row.path(), row));
        }
        return rows;
    }

    /** A MIRROR run of {@code a} to {@code target} (default options) that records the files read from {@code target}. */
    private RunSummary runRecordingReads(Path target, List<String> read) throws IOException {
        return fixture.run(SyncFixture.job(Rule.MIRROR, SyncOptions.defaults(), Filter.ALL, a, target),
                List.of(LocalReplica.open(a), readsRecorded(LocalReplica.open(target), read))).summary();
    }

    /**
     * A MIRROR run of {@code a} to {@code b} as an engine makes it: the replicas opened with the
     * engine's {@code journals}, recording the files read from {@code a} in {@code read}.
     */
    private RunSummary runIn(ChangeJournals journals, List<String> read) throws IOException {
        return fixture.run(SyncFixture.job(Rule.MIRROR, SyncOptions.defaults(), Filter.ALL, a, b),
                List.of(readsRecorded(LocalReplica.open(a, journals), read),
                        LocalReplica.open(b, journals))).summary();
    }

    /** {@code replica}, recording the files read from it. */
    private static Replica readsRecorded(Replica replica, List<String> read) {
        return new DelegatingReplica(replica) {
            @Override
            public InputStream openRead(String path) throws IOException {
                read.add(path);
                return super.openRead(path);
            }
        };
    }

    private List<FileAction> logged(String action) {
        return fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(logged -> logged.action().equals(action)).toList();
    }

    /**
     * A hard link to a target's file outside the synchronized folders: after the run, the file it is
     * the same file as was renamed, not copied (the link keeps the old file alive, so a copy can
     * never be given its inode number again).
     */
    private Path pin(Path file) throws IOException {
        Path pins = Files.createDirectories(temp.resolve("pins"));
        return Files.createLink(pins.resolve(Integer.toString(pinned++)), file);
    }

    private int pinned;

    private static boolean same(Path pin, Path file) throws IOException {
        return Files.isSameFile(pin, file);
    }
}
