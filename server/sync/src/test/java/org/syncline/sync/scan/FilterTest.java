package org.syncline.sync.scan;

import org.junit.jupiter.api.Test;
import org.syncline.masks.FileMasks;
import org.syncline.masks.FolderMasks;
import org.syncline.masks.MaskSyntaxException;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.WriteRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File and subfolder masks, ranges, and the scanner's streaming order. */
class FilterTest {

    @Test
    void fileMasksIncludeAndExclude() {
        FileMasks masks = FileMasks.parse("*.* | -*.tmp | -~*.doc", false);
        assertTrue(masks.selects("report.doc"));
        assertTrue(masks.selects("Makefile"), "*.* matches names without a dot");
        assertFalse(masks.selects("x.tmp"));
        assertFalse(masks.selects("~lock.doc"));
        assertTrue(masks.selects("X.TMP"), "case matters unless asked otherwise");
        assertFalse(FileMasks.parse("-*.tmp", true).selects("X.TMP"));
        assertTrue(FileMasks.parse("*.txt;*.md", false).selects("a.md"));
        assertFalse(FileMasks.parse("*.txt;*.md", false).selects("a.doc"));
        assertTrue(FileMasks.parse("report?.txt", false).selects("report1.txt"));
    }

    @Test
    void aLinkIsSelectedByNameAndTimeButItsSizeIsNoFiles() throws Exception {
        Filter filter = Filter.of("*.txt", "", false).sizeBetween(1_000, 2_000).modifiedAfter(Instant.ofEpochSecond(100));
        FileEntry link = FileEntry.link("current.txt", "releases/2.4/notes.txt", 200_000);
        assertTrue(filter.selectsFile(link), "a link's size is its target's length, not a file's size");
        assertFalse(filter.selectsFile(FileEntry.link("current.md", "x", 200_000)), "masks apply");
        assertFalse(filter.selectsFile(FileEntry.link("old.txt", "x", 50_000)), "time ranges apply");
        assertFalse(filter.selectsFile(FileEntry.file("small.txt", 12, 200_000, 0644)), "sizes apply to files");
    }

    @Test
    void invalidMasksSayWhatIsWrong() {
        MaskSyntaxException empty = assertThrows(MaskSyntaxException.class, () -> Filter.of("*.txt || *.doc", "", false));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
        MaskSyntaxException separator = assertThrows(MaskSyntaxException.class, () -> Filter.of("docs/*.txt", "", false));
        assertTrue(separator.getMessage().contains("subfolder mask"), separator.getMessage());
        MaskSyntaxException folder = assertThrows(MaskSyntaxException.class, () -> Filter.of("", "\\Temp", false));
        assertTrue(folder.getMessage().contains("must end with \\"), folder.getMessage());
        assertThrows(MaskSyntaxException.class, () -> Filter.of("", "\\a\\\\b\\", false));
        assertThrows(InvalidFilterException.class, () -> Filter.ALL.sizeBetween(10, 5));
        assertThrows(InvalidFilterException.class,
                () -> Filter.ALL.modifiedAfter(Instant.ofEpochSecond(10)).modifiedBefore(Instant.ofEpochSecond(5)));
    }

    @Test
    void folderMasksAnchoredAndAnywhere() {
        FolderMasks masks = FolderMasks.parse("-\\Temp\\ | -cache\\", true);
        FolderMasks.Decision root = masks.rootDecision();
        assertEquals(FolderMasks.Decision.EXCLUDE, masks.decide("temp", root));
        assertEquals(FolderMasks.Decision.INCLUDE, masks.decide("a/Temp", root), "anchored: only at the root");
        assertEquals(FolderMasks.Decision.EXCLUDE, masks.decide("a/b/Cache", root), "unanchored: anywhere");
        FolderMasks only = FolderMasks.parse("\\Reports\\2024\\", false);
        assertEquals(FolderMasks.Decision.WALK_ONLY, only.decide("Reports", only.rootDecision()));
        assertEquals(FolderMasks.Decision.INCLUDE, only.decide("Reports/2024", FolderMasks.Decision.WALK_ONLY));
        assertEquals(FolderMasks.Decision.EXCLUDE, only.decide("Other", only.rootDecision()));
    }

    @Test
    void scannerStreamsInPathOrderWithFilters() throws IOException {
        MemoryReplica replica = new MemoryReplica("r");
        for (String dir : List.of("a", "a-b", "a/x", "Reports", "Temp", ".syncline-archive")) {
            replica.mkdirs(dir);
        }
        for (String file : List.of("a/x/1.txt", "a-b/2.txt", "a/3.tmp", "Reports/big.bin", "Temp/t.txt", "z.txt",
                ".syncline-archive/old.txt")) {
            long size = file.endsWith(".bin") ? 5000 : 10;
            replica.write(file, new ByteArrayInputStream(new byte[(int) size]), new WriteRequest(size, null, 1000, 0644, null));
        }
        Filter filter = Filter.of("*.* | -*.tmp", "-\\Temp\\", false).sizeBetween(0, 1000);
        List<String> paths = new ArrayList<>();
        new Scanner(replica, filter, false, ScanListener.IGNORE).forEachRemaining(e -> paths.add(e.path()));
        assertEquals(List.of("Reports", "a", "a/x", "a/x/1.txt", "a-b", "a-b/2.txt", "z.txt"), paths);
        List<FileEntry> hashed = new ArrayList<>();
        new Scanner(replica, Filter.of("z.txt", "", false), true, ScanListener.IGNORE).forEachRemaining(hashed::add);
        assertEquals(16, hashed.get(hashed.size() - 1).hash().length());
    }
}
