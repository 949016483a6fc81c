package org.syncline.sync.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.masks.FolderMasks;
import org.syncline.sync.job.JobFolders;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job folders that are one folder, or one inside another, on the real file system. */
class FolderOverlapTest {

    @TempDir
    Path temp;

    private Path data;

    private Optional<String> find(String masks, Path... folders) {
        return FolderOverlap.find(List.of(folders), FolderMasks.parse(masks, false));
    }

    /** A new folder under the test's folder, by its real path (the test's folder may lie behind a link). */
    private Path folder(String relative) throws IOException {
        return Files.createDirectories(temp.resolve(relative)).toRealPath();
    }

    @Test
    void foldersApartDoNotOverlapEvenWhenOneNameStartsWithTheOther() throws IOException {
        data = folder("data");
        assertEquals(Optional.empty(), find("", data, folder("data2")));
        assertEquals(Optional.empty(), find("", data, folder("other/data")));
        assertEquals(Optional.empty(), find("", data, data.resolveSibling("data-copy"), data.resolveSibling("backup")), "not created yet");
    }

    @Test
    void aFolderInsideAnotherIsRefusedWhicheverComesFirstWithTheMaskThatWouldLeaveItOut() throws IOException {
        data = folder("data");
        Path backup = folder("data/backup");
        String expected = backup + " is inside " + data + ", so every run would copy " + data + " into itself once more,"
                + " and a rule that deletes could delete files from its own source. Choose folders that are not inside"
                + " one another, or leave the inner one out with the subfolder mask -\\backup\\ (--folders on the command line).";
        assertEquals(Optional.of(expected), find("", data, backup));
        assertEquals(Optional.of(expected), find("", backup, data));
        assertEquals(Optional.of(expected), find("", data.resolveSibling("elsewhere"), data, backup), "any two of the folders");
    }

    @Test
    void aFolderTheRunWouldCreateInsideAnotherIsRefusedToo() throws IOException {
        data = folder("data");
        Optional<String> found = find("", data, data.resolve("archive/2026"));
        assertTrue(found.orElseThrow().contains("the subfolder mask -\\archive\\2026\\ "), found.toString());
        assertEquals(Optional.empty(), find("", data, data.resolveSibling("data-archive/2026")));
    }

    @Test
    void theSameFolderTwiceOrThroughALinkIsRefused() throws IOException {
        data = folder("data");
        assertEquals(Optional.of(data + " and " + data + " are the same folder: a job synchronizes different folders;"
                + " give each folder once."), find("", data, data));
        assertEquals(Optional.of(data + " and " + data.resolve("sub/..") + " are the same folder: a job synchronizes"
                + " different folders; give each folder once."), find("", data, data.resolve("sub/..")));
        Path link = Files.createSymbolicLink(data.resolveSibling("link"), data);
        assertEquals(Optional.of(data + " and " + link + " are the same folder (" + link + " is " + data
                + "): a job synchronizes different folders; give each folder once."), find("", data, link));
        assertEquals(Optional.of(link + " and " + data + " are the same folder (" + link + " is " + data
                + "): a job synchronizes different folders; give each folder once."), find("", link, data));
        Path inner = link.resolve("inner");
        Optional<String> found = find("", data, inner);
        assertTrue(found.orElseThrow().startsWith(inner + " is inside " + data + " (" + inner + " is "
                + data.resolve("inner") + "), so every run"), found.toString());
    }

    @Test
    void theJobFolderThatHoldsAnotherFolderIsFound() throws IOException {
        data = folder("data");
        Path other = folder("other");
        assertEquals(Optional.of(data), FolderOverlap.containing(data.resolve("state/not-yet"), List.of(other, data)));
        assertEquals(Optional.of(other), FolderOverlap.containing(other, List.of(other, data)), "the folder itself");
        assertEquals(Optional.empty(), FolderOverlap.containing(folder("state"), List.of(other, data)));
    }

    @Test
    void aFolderLeftOutOfTheOuterOnesScanByTheSubfolderMasksIsAllowed() throws IOException {
        data = folder("data");
        Path backup = folder("data/backup/nightly");
        assertEquals(Optional.empty(), find("-\\backup\\", data, backup));
        assertEquals(Optional.empty(), find("-\\backup\\nightly\\", data, backup));
        assertEquals(Optional.empty(), find("-nightly\\", data, backup), "a mask at any depth");
        assertEquals(Optional.empty(), find("\\Reports\\", data, backup), "only \\Reports\\ is scanned");
        assertTrue(find("-\\Temp\\", data, backup).isPresent(), "another folder left out");
        assertTrue(find("\\backup\\", data, backup).isPresent(), "the inner folder is what is scanned");
    }

    private static SyncJob job(String name, Rule rule, Path... folders) {
        return new SyncJob(name, Stream.of(folders).map(Path::toString).toList(), rule, Filter.ALL, SyncOptions.defaults());
    }

    private static JobFolders other(String name, Rule rule, String masks, Path... folders) {
        return new JobFolders(name, rule, Stream.of(folders).map(folder -> folder == null ? null : folder.toString()).toList(),
                FolderMasks.parse(masks, false));
    }

    @Test
    void twoJobsMayShareAFolderUnlessOneMakesItFollowItsMasterWhileTheOtherChangesIt() throws IOException {
        Path source = folder("source");
        Path other = folder("other");
        Path backup = folder("backup");
        Path hub = folder("hub");
        SyncJob mirror = job("Nightly", Rule.MIRROR, source, backup);

        assertEquals(Optional.of(backup + " is also a folder of job 'Weekly', and this job makes " + backup + " follow " + source
                + ", so each run would undo there what job 'Weekly' changes, and job 'Weekly' would change it again (a mirror"
                + " deletes what its master lacks). Give the two jobs folders apart, or, if job 'Weekly' is no longer used, delete it"
                + " (syncline jobs --delete 'Weekly')."),
                FolderOverlap.withOtherJobs(mirror, List.of(other("Weekly", Rule.MIRROR, "", other, backup))),
                "two mirrors into one folder");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(mirror, List.of(other("Offsite", Rule.MIRROR, "", source, other))),
                "a master only read by both");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(mirror, List.of(other("Onwards", Rule.MIRROR, "", backup, other))),
                "a chain: the other job reads what this one writes");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(job("Site1", Rule.MULTI_MIRROR, hub, source),
                List.of(other("Site2", Rule.MULTI_MIRROR, "", hub, other))), "jobs merging through one hub");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(mirror, List.of(other("Nightly", Rule.MIRROR, "", other, backup))),
                "the job itself as saved");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(mirror, List.of(other("Remote", Rule.MIRROR, "", other, null))),
                "a folder of another machine");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(mirror, List.of(other("Report", Rule.SKIP, "", backup, other))));

        Path inner = folder("backup/photos");
        assertEquals(Optional.of(inner + ", a folder of job 'Photos', is inside " + backup + ", and this job makes " + backup
                + " follow " + source + ", so each run would undo there what job 'Photos' changes, and job 'Photos' would change"
                + " it again (a mirror deletes what its master lacks). Give the two jobs folders apart, or leave " + inner
                + " out of this job with the subfolder mask -\\photos\\ (--folders on the command line), or, if job 'Photos' is no"
                + " longer used, delete it (syncline jobs --delete 'Photos')."),
                FolderOverlap.withOtherJobs(mirror, List.of(other("Photos", Rule.MULTI_MIRROR, "", other, inner))));
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(new SyncJob("Nightly", mirror.paths(), Rule.MIRROR,
                Filter.of("", "-\\photos\\", false), SyncOptions.defaults()),
                List.of(other("Photos", Rule.MULTI_MIRROR, "", other, inner))), "left out by this job's masks");
        assertTrue(FolderOverlap.withOtherJobs(job("Photos", Rule.DELETE, inner), List.of(other("Nightly", Rule.MIRROR, "", source,
                backup))).orElseThrow().startsWith(inner + " is inside " + backup + ", a folder of job 'Nightly', and job 'Nightly'"
                + " makes " + backup + " follow " + source + ", so each of its runs would undo there what this job changes"),
                "a purge inside a mirror's target");
        assertEquals(Optional.empty(), FolderOverlap.withOtherJobs(job("Photos", Rule.DELETE, inner), List.of(other("Nightly",
                Rule.MIRROR, "-\\photos\\", source, backup))), "left out by the other job's masks");
    }
}
