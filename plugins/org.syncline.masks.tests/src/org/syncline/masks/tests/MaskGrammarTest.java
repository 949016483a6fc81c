package org.syncline.masks.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.syncline.masks.FileMasks;
import org.syncline.masks.FolderMasks;
import org.syncline.masks.MaskSyntaxException;

/**
 * The mask grammar as a table: each row is a list of file or subfolder masks and either what it
 * selects and skips (file names, or folder paths whose files are selected or not) or the message
 * that refuses it. The package documentation of {@code org.syncline.masks} is the prose of it.
 */
class MaskGrammarTest {

    static Stream<Row> grammar() {
        return Stream.of(
                files("*.* | -*.tmp | -~*.doc").selects("report.doc", "Makefile", "X.TMP").skips("x.tmp", "~lock.doc"),
                files("-*.tmp").ignoringCase().selects("a.txt").skips("X.TMP"),
                files("*.DOC").ignoringCase().selects("report.doc").skips("report.docx"),
                files("*.txt;*.md").selects("a.md", "b.txt").skips("a.doc").written("*.txt | *.md"),
                files(" + *.pdf |-  *.tmp ").selects("a.pdf").skips("a.tmp", "a.doc").written("*.pdf | -*.tmp"),
                files("report?.txt").selects("report1.txt").skips("report.txt", "report12.txt"),
                files("+-draft.doc").selects("-draft.doc").skips("draft.doc"),
                files("-*:*").selects("a.txt").skips("12:00 log.txt"),
                files("").selects("anything", ".hidden").written(""),
                files("*.txt || *.doc").refused("File mask 2 is empty: write a mask such as *.doc, or remove the extra '|'."),
                files("*.* | - | *.doc").refused(
                        "File mask 2 is empty: write a mask such as *.doc after the '-', or remove the extra '|'."),
                files("*.txt;;*.md").refused("File mask 2 is empty: write a mask such as *.doc, or remove the extra ';'."),
                files("*.doc | Temp\\*.txt").refused("File mask 2 'Temp\\*.txt' contains '\\', which cannot appear in a file "
                        + "name. Use subfolder masks such as \\Reports\\ for folders."),
                files("-docs/*.txt").refused("File mask 1 '-docs/*.txt' contains '/', which cannot appear in a file name. "
                        + "Use subfolder masks such as \\Reports\\ for folders."),
                files("\"*.doc\"").refused("File mask 1 '\"*.doc\"' contains '\"': write masks without quotes, such as *.doc."),
                files("a\tb.txt").refused("File mask 1 'a?b.txt' contains a control character (shown as '?'), which no name "
                        + "can hold: retype the mask."),

                folders("-\\Temp\\ | -cache\\").ignoringCase().selects("a/Temp", "a", "Reports").skips("temp", "temp/x", "a/b/Cache"),
                folders("\\Reports\\").selects("Reports", "Reports/2024/q1").skips("reports", "Other", "a/Reports"),
                folders("\\Reports\\2024\\").selects("Reports/2024", "Reports/2024/q1").skips("Reports", "Other", "a/Reports/2024"),
                folders("build/tmp/").selects("build/tmp", "x/build/tmp", "build/tmp/deep").skips("build", "tmp", "x/tmp")
                        .written("build\\tmp\\"),
                folders("\\*\\Temp\\").selects("a/Temp", "b/Temp/x").skips("Temp", "a", "a/b/Temp"),
                folders("\\Reports\\ | -\\Reports\\Old\\").selects("Reports", "Reports/New").skips("Reports/Old/x", "Other"),
                folders("").selects("a", "a/b/c").written(""),
                folders("\\Reports\\ | -Temp").refused("Subfolder mask 2 '-Temp' must end with \\: write -\\Temp\\ for the folder "
                        + "at the top, or -Temp\\ for one at any depth. To select files, use a file mask."),
                folders("\\Temp").refused("Subfolder mask 1 '\\Temp' must end with \\: write \\Temp\\ for the folder at the top, "
                        + "or Temp\\ for one at any depth. To select files, use a file mask."),
                folders("\\").refused("Subfolder mask 1 '\\' names no folder: write one between the backslashes, such as \\Reports\\."),
                folders("\\a\\\\b\\").refused("Subfolder mask 1 '\\a\\\\b\\' has two separators in a row: write one between folder "
                        + "names, such as \\Reports\\2024\\."),
                folders("\\..\\x\\").refused("Subfolder mask 1 '\\..\\x\\' has '..' as a folder name: name the folders inside the "
                        + "job's folders, such as \\Reports\\2024\\."),
                folders("-C:\\Temp\\").refused("Subfolder mask 1 '-C:\\Temp\\' starts with the drive 'C:': subfolder masks are "
                        + "relative to each of the job's folders, so write -\\Temp\\ instead."),
                folders("| \\Temp\\").refused("Subfolder mask 1 is empty: write a mask such as \\Temp\\, or remove the extra '|'."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void grammar(Row row) {
        if (row.refusal() != null) {
            MaskSyntaxException e = assertThrows(MaskSyntaxException.class, row::parse);
            assertEquals(row.refusal(), e.getMessage());
            return;
        }
        Object masks = row.parse();
        for (String name : row.selected()) {
            assertTrue(selects(masks, name), row + " selects " + name);
        }
        for (String name : row.skipped()) {
            assertFalse(selects(masks, name), row + " skips " + name);
        }
        if (row.written() != null) {
            assertEquals(row.written(), masks.toString());
            assertEquals(masks, row.reparse(row.written()), "the written form means the same");
        }
    }

    private static boolean selects(Object masks, String name) {
        return masks instanceof FileMasks files ? files.selects(name) : selectsFilesIn((FolderMasks) masks, name);
    }

    /** Walks from the top as the scanner does: whether the files of the folder at {@code path} are selected. */
    private static boolean selectsFilesIn(FolderMasks masks, String path) {
        FolderMasks.Decision decision = masks.rootDecision();
        String walked = "";
        for (String name : path.split("/")) {
            walked = walked.isEmpty() ? name : walked + "/" + name;
            decision = masks.decide(walked, decision);
            if (decision == FolderMasks.Decision.EXCLUDE) {
                return false;
            }
        }
        return decision == FolderMasks.Decision.INCLUDE;
    }

    private static Row files(String masks) {
        return new Row(true, masks, false, List.of(), List.of(), null, null);
    }

    private static Row folders(String masks) {
        return new Row(false, masks, false, List.of(), List.of(), null, null);
    }

    /**
     * One row of the table.
     *
     * @param fileMasks whether the masks are file masks (else subfolder masks)
     * @param selected  file names, or folder paths whose files are selected
     * @param skipped   file names, or folder paths whose files are not selected
     * @param written   the canonical form, when the row checks it
     * @param refusal   the message refusing the masks, or {@code null} when they are accepted
     */
    record Row(boolean fileMasks, String masks, boolean ignoreCase, List<String> selected, List<String> skipped,
               String written, String refusal) {

        Row ignoringCase() {
            return new Row(fileMasks, masks, true, selected, skipped, written, refusal);
        }

        Row selects(String... names) {
            return new Row(fileMasks, masks, ignoreCase, plus(selected, names), skipped, written, refusal);
        }

        Row skips(String... names) {
            return new Row(fileMasks, masks, ignoreCase, selected, plus(skipped, names), written, refusal);
        }

        Row written(String canonical) {
            return new Row(fileMasks, masks, ignoreCase, selected, skipped, canonical, refusal);
        }

        Row refused(String message) {
            return new Row(fileMasks, masks, ignoreCase, selected, skipped, written, message);
        }

        Object parse() {
            return reparse(masks);
        }

        Object reparse(String text) {
            return fileMasks ? FileMasks.parse(text, ignoreCase) : FolderMasks.parse(text, ignoreCase);
        }

        private static List<String> plus(List<String> list, String... more) {
            List<String> all = new ArrayList<>(list);
            all.addAll(List.of(more));
            return List.copyOf(all);
        }

        @Override
        public String toString() {
            return (fileMasks ? "file masks '" : "subfolder masks '") + masks + "'" + (ignoreCase ? " ignoring case" : "");
        }
    }
}
