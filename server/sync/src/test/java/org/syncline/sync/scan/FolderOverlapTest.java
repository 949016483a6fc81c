package org.syncline.sync.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.masks.FolderMasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
}
