package org.syncline.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.syncline.model.validation.MaskList;
import org.syncline.model.validation.MaskSyntaxException;

class MaskListTest {

    @Test
    void fileMasksIncludeAndExclude() {
        MaskList masks = MaskList.parseFileMasks("*.* | -*.tmp | -~*.doc");
        assertEquals(3, masks.masks().size());
        assertTrue(masks.selects("report.doc"));
        assertTrue(masks.selects("README"));
        assertFalse(masks.selects("scratch.TMP"));
        assertFalse(masks.selects("~lock.doc"));
        assertEquals("*.* | -*.tmp | -~*.doc", masks.toString());
    }

    @Test
    void onlyExcludesSelectEverythingElse() {
        MaskList masks = MaskList.parseFileMasks("-*.bak");
        assertTrue(masks.selects("a.txt"));
        assertFalse(masks.selects("a.bak"));
    }

    @Test
    void emptyTextSelectsAll() {
        assertTrue(MaskList.parseFileMasks(" ").selects("anything"));
        assertTrue(MaskList.parseSubfolderMasks(null).selects("Temp"));
    }

    @Test
    void subfolderMasks() {
        MaskList masks = MaskList.parseSubfolderMasks("\\Reports\\ | -\\Temp\\");
        assertTrue(masks.selects("reports"));
        assertFalse(masks.selects("Temp"));
        assertFalse(masks.selects("Other"));
    }

    @Test
    void folderSeparatorInFileMaskIsExplained() {
        MaskSyntaxException e = assertThrows(MaskSyntaxException.class, () -> MaskList.parseFileMasks("*.doc | Temp\\*.txt"));
        assertEquals("File mask 2 'Temp\\*.txt' contains '\\', which cannot appear in a file name. Use subfolder masks such as \\Reports\\ for folders.",
                e.getMessage());
    }
}
