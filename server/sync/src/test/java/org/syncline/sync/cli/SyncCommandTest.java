package org.syncline.sync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.LockHolder;
import org.syncline.sync.state.FileRunLock;
import org.syncline.sync.state.JobRunningException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncline.sync.Acls.getfacl;
import static org.syncline.sync.Acls.setfacl;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.deleteTree;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/** The stand-alone command: summary, preview, exit codes and messages for bad input. */
class SyncCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void mirrorPrintsStatsAndExitsZero() throws IOException {
        write(temp.resolve("a"), tree("x.txt", "hello", "d/y.txt", "world"), T0);
        int code = run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--state-dir", temp.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("Number of files copied: 2"), out.toString());
        assertTrue(out.toString().contains("Total bytes copied: 10"), out.toString());
        assertEquals(read(temp.resolve("a")), read(temp.resolve("b")));
        assertTrue(Files.exists(temp.resolve(".syncline")), "interim state lives under the state directory");
        assertFalse(Files.exists(temp.resolve("b/.syncline")), "never inside a synced tree");
    }

    @Test
    void aJobThatIsRunningAlreadyExitsWithOneAndChangesNothing() throws IOException, JobRunningException {
        write(temp.resolve("a"), tree("x.txt", "hello"), T0);
        try (FileRunLock running = FileRunLock.lock(temp, "nightly")) {
            int code = run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--job", "nightly",
                    "--state-dir", temp.toString());
            assertEquals(1, code);
            assertEquals("syncline sync: job nightly is already running; try again when it has finished; nothing was "
                    + "changed", err.toString().strip());
            assertFalse(Files.exists(temp.resolve("b")), "not even the target folder was created");
        }
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--job", "nightly",
                "--state-dir", temp.toString()), err.toString());
        assertEquals(read(temp.resolve("a")), read(temp.resolve("b")));
    }

    @Test
    void previewListsActionsAndChangesNothing() throws IOException {
        write(temp.resolve("a"), tree("x.txt", "hello"), T0);
        int code = run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--preview", "--rule", "mirror",
                "--state-dir", temp.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("COPY"), out.toString());
        assertTrue(out.toString().contains("x.txt"), out.toString());
        assertFalse(Files.exists(temp.resolve("b")));
    }

    @Test
    void failedFileGivesNonZeroExitAndPerFileMessage() throws Exception {
        write(temp.resolve("a"), tree("ok.txt", "fine", "locked/new.txt", "cannot land"), T0);
        Path locked = Files.createDirectories(temp.resolve("b/locked"));
        assumeTrue(new ProcessBuilder("chattr", "+i", locked.toString()).start().waitFor() == 0,
                "needs chattr to make a folder unwritable even for root");
        try {
            int code = run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--state-dir", temp.toString(),
                    "--retries", "1", "--retry-delay", "0");
            assertEquals(1, code);
            assertTrue(out.toString().contains("Number of errors: 2"), out.toString() + err);
            assertTrue(err.toString().contains("locked/new.txt"), err.toString());
            assertTrue(err.toString().contains("FAILED"), err.toString());
            assertEquals("fine", Files.readString(temp.resolve("b/ok.txt")), "the other file was copied");
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
    }

    @Test
    void badInputIsReportedInTheUsersWords() throws IOException {
        write(temp.resolve("a"), tree("x.txt", "hello"), T0);
        assertEquals(2, run(temp.resolve("missing").toString(), temp.resolve("a").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertEquals(2, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--filter", "docs/*.txt"));
        assertTrue(err.toString().contains("subfolder mask"), err.toString());
        assertEquals(2, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--rule", "sideways"));
        assertTrue(err.toString().contains("sideways"), err.toString());
        assertEquals(2, run("--state-dir", temp.toString()));
        assertTrue(err.toString().contains("give two or more folders to synchronize, or --job NAME"), err.toString());
        assertEquals(2, run("--job", "Docs", "--state-dir", temp.toString()));
        assertTrue(err.toString().contains("--job Docs without folders runs a job saved in the database, which --state-dir does not use"),
                err.toString());
    }

    @Test
    void aFolderInsideAnotherOrTheStateInsideAJobFolderIsRefusedBeforeAnythingChangesUnlessTheMasksLeaveItOut() throws IOException {
        Path data = temp.resolve("data");
        write(data, tree("a.txt", "a", "sub/b.txt", "b"), T0);
        Path backup = data.resolve("backup");
        Map<String, String> source = read(data);
        assertEquals(2, run(data.toString(), backup.toString(), "--state-dir", temp.toString()));
        assertTrue(err.toString().startsWith("syncline sync: " + backup + " is inside " + data + ", so every run would copy"),
                err.toString());
        assertTrue(err.toString().strip().endsWith("(--folders on the command line). Nothing was changed."), err.toString());
        assertFalse(Files.exists(backup), "the inner folder was not created");
        // A mirror into a folder of its own source deleted that folder's files before this was refused.
        assertEquals(2, run(data.toString(), data.resolve("sub").toString(), "--state-dir", temp.toString()));
        assertEquals(source, read(data), "the source is as it was");
        assertEquals(2, run(data.toString(), data.toString(), "--state-dir", temp.toString(), "--preview"));
        assertTrue(err.toString().contains(" are the same folder: a job synchronizes different folders"), err.toString());

        assertEquals(2, run(data.toString(), temp.resolve("copy").toString(), "--state-dir", data.resolve("state").toString()));
        assertTrue(err.toString().contains("syncline sync: --state-dir " + data.resolve("state") + " keeps the job's state"
                + " inside the job's folder " + data + ", so each run would synchronize (or delete) its own state; choose a"
                + " folder outside the job's folders. Nothing was changed."), err.toString());
        assertEquals(2, run(data.toString(), temp.resolve("copy").toString(), "--state-dir", temp.resolve("copy").toString()));
        assertFalse(Files.exists(temp.resolve("copy")), "nothing was created");

        err.getBuffer().setLength(0);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, run(data.toString(), backup.toString(), "--folders", "-\\backup\\", "--state-dir",
                    temp.toString()), err.toString());
        }
        assertEquals(source, read(backup));
        assertFalse(Files.exists(backup.resolve("backup")), "the copy left out of the source's scan: no copy of the copy");
    }

    @Test
    void withLockFilesAFileAnotherProgramHoldsLockedWaitsForALaterRunAndTheOthersAreCopied() throws Exception {
        Path a = temp.resolve("a");
        write(a, tree("ledger.db", "being written", "notes.txt", "n"), T0);
        String[] sync = {a.toString(), temp.resolve("b").toString(), "--lock-files", "--retries", "0", "--state-dir",
                temp.toString()};
        try (LockHolder writer = LockHolder.hold(a.resolve("ledger.db"), false)) {
            assertEquals(1, run(sync));
            assertTrue(err.toString().contains("FAILED   COPY           ledger.db on " + temp.resolve("b") + ": "
                    + a.resolve("ledger.db") + ": is locked by another program, which may be writing it; it was not copied,"
                    + " the next run tries again"), err.toString());
            assertEquals(tree("notes.txt", "n"), read(temp.resolve("b")));
        }
        err.getBuffer().setLength(0);
        assertEquals(0, run(sync), err.toString());
        assertEquals(read(a), read(temp.resolve("b")));

        write(a, tree("ledger.db", "next version"), T0 + 1000);
        try (LockHolder editor = LockHolder.hold(temp.resolve("b/ledger.db"), true)) {
            assertEquals(1, run(sync));
            assertTrue(err.toString().contains(temp.resolve("b/ledger.db") + ": is in use: another program holds a lock"
                    + " on it; it was not replaced, the next run tries again"), err.toString());
            assertEquals("being written", Files.readString(temp.resolve("b/ledger.db")));
        }
        err.getBuffer().setLength(0);
        assertEquals(0, run(sync), err.toString());
        assertEquals("next version", Files.readString(temp.resolve("b/ledger.db")));
    }

    @Test
    void aFolderEmptiedSinceTheLastRunDeletesNothingUntilTheRunAllowsIt() throws IOException {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        write(a, tree("x.txt", "x", "y.txt", "y"), T0);
        String[] sync = {a.toString(), b.toString(), "--state-dir", temp.toString()};
        assertEquals(0, run(sync), err.toString());
        Files.delete(a.resolve("x.txt"));
        Files.delete(a.resolve("y.txt"));
        assertEquals(1, run(sync));
        assertTrue(out.toString().contains("Run cancelled: " + a + " is empty, but it held 2 entries at the last sync. If"
                + " it is a disk or network share that is not mounted, mount it and run again; if it was emptied on purpose,"
                + " run again with --allow-emptied to let the plan's 2 deletions go ahead. Nothing was changed\nResult:"
                + " cancelled\n"), out.toString());
        assertEquals(tree("x.txt", "x", "y.txt", "y"), read(b));
        out.getBuffer().setLength(0);
        String[] allowed = Arrays.copyOf(sync, sync.length + 1);
        allowed[sync.length] = "--allow-emptied";
        assertEquals(0, run(allowed), err.toString());
        assertTrue(out.toString().contains("Number of entries deleted: 2"), out.toString());
        assertEquals(Map.of(), read(b));
    }

    @Test
    void aTargetFolderThatVanishedLikeAnUnpluggedDiskIsNotMadeAgainOnTheDiskBelowUntilAllowed() throws IOException {
        Path a = temp.resolve("a");
        Path mountPoint = Files.createDirectories(temp.resolve("media/usb"));
        Path backup = mountPoint.resolve("backup");
        write(a, tree("x.txt", "x", "docs/y.txt", "y"), T0);
        String[] sync = {a.toString(), backup.toString(), "--state-dir", temp.toString()};
        assertEquals(0, run(sync), err.toString());
        assertTrue(out.toString().startsWith("Created " + backup + "\n"), out.toString());
        deleteTree(backup);
        out.getBuffer().setLength(0);

        assertEquals(0, run(a.toString(), backup.toString(), "--state-dir", temp.toString(), "--preview"), err.toString());
        assertTrue(out.toString().contains("A run now would be cancelled before changing anything: " + backup
                + " is empty, but it held 3 entries at the last sync."), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(1, run(sync));
        assertTrue(out.toString().contains("Removed " + backup + " again\n"), out.toString());
        assertTrue(out.toString().contains("(a copy now would fill the disk it is mounted on)"), out.toString());
        assertFalse(Files.exists(backup), "no folder left at the mount point");

        String[] allowed = Arrays.copyOf(sync, sync.length + 1);
        allowed[sync.length] = "--allow-emptied";
        assertEquals(0, run(allowed), err.toString());
        assertEquals(read(a), read(backup));
    }

    @Test
    void aclsAreCopiedUnlessTurnedOff() throws IOException {
        write(temp.resolve("a"), tree("x.txt", "hello"), T0);
        setfacl(temp.resolve("a/x.txt"), "-m", "u:nobody:rw");
        String state = temp.toString();
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("with").toString(), "--state-dir", state));
        assertEquals(getfacl(temp.resolve("a/x.txt")), getfacl(temp.resolve("with/x.txt")));
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("without").toString(), "--no-acls",
                "--state-dir", state));
        assertFalse(getfacl(temp.resolve("without/x.txt")).contains("user:65534"));
        assertEquals(2, run(temp.resolve("a").toString(), temp.resolve("without").toString(), "--no-acls",
                "--check-acls", "--state-dir", state));
        assertTrue(err.toString().contains("--check-acls cannot be combined with --no-acls"), err.toString());
    }

    @Test
    void progressGoesToStandardErrorOnlyWhenAskedAndTheSummaryStaysAsItIs() throws IOException {
        write(temp.resolve("a"), tree("x.txt", "hello", "y.txt", "big world", "d/z.txt", "!"), T0);
        String state = temp.toString();
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--progress",
                "--progress-interval", "0", "--parallel", "1", "--state-dir", state), err.toString());
        List<String> lines = err.toString().lines().toList();
        assertTrue(lines.size() >= 3 && lines.stream().allMatch(line -> line.startsWith("Progress: ")), err.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("Progress: (\\d+) of \\1 actions, 0\\.0 of 0\\.0 MB \\(100 %\\).*")),
                "the last action reports every file and byte done: " + err);
        assertTrue(out.toString().contains("Number of files copied: 3") && !out.toString().contains("Progress"), out.toString());

        err.getBuffer().setLength(0);
        Files.writeString(temp.resolve("a/x.txt"), "changed");
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--state-dir", state));
        assertEquals("", err.toString(), "no progress unless asked");
        assertEquals(0, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--progress",
                "--state-dir", state));
        assertEquals("", err.toString(), "a run shorter than the interval prints no progress");

        assertEquals(2, run(temp.resolve("a").toString(), temp.resolve("b").toString(), "--progress",
                "--progress-interval", "-1", "--state-dir", state));
        assertEquals("syncline sync: --progress-interval must be from 0 to 86400 seconds, but is -1.0", err.toString().strip());
    }

    @Test
    void anEntryLeftAloneForAReasonIsShownWithItUnlessPreviewing() throws IOException {
        write(temp.resolve("a"), tree("x", "a file", "ok.txt", "fine"), T0);
        Files.createDirectories(temp.resolve("b/x"));
        String[] sync = {temp.resolve("a").toString(), temp.resolve("b").toString(), "--rule", "MULTI_MIRROR", "--state-dir", temp.toString()};
        assertEquals(0, run(sync), err.toString());
        assertEquals("SKIPPED  SKIP           x: is a file on one path and a folder on another; resolve it by hand",
                err.toString().strip());
        assertTrue(out.toString().contains("Number of entries skipped: 1"), out.toString());

        err.getBuffer().setLength(0);
        String[] preview = Arrays.copyOf(sync, sync.length + 1);
        preview[sync.length] = "--preview";
        assertEquals(0, run(preview), err.toString());
        assertEquals("", err.toString(), "a preview lists its plan on standard output only");
    }

    @Test
    void aPreviewSaysWhichCopiesAreLikelyRenames() throws IOException {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        Files.createDirectories(a.resolve("old"));
        Files.writeString(a.resolve("old/one.txt"), "one");
        Files.writeString(a.resolve("old/two.txt"), "two, longer");
        assertEquals(0, run(a.toString(), b.toString(), "--state-dir", temp.toString()), err.toString());
        Files.move(a.resolve("old"), a.resolve("new"));
        out.getBuffer().setLength(0);

        assertEquals(0, run(a.toString(), b.toString(), "--state-dir", temp.toString(), "--preview"), err.toString());

        assertTrue(out.toString().contains("Files likely moved or renamed: 2 (each copy and deletion pair is a rename"
                + " if both files hold the same bytes; the bytes are not copied again)\n"), out.toString());
        assertTrue(Files.exists(b.resolve("old/one.txt")), "a preview changes nothing");
    }

    private int run(String... args) {
        CommandLine command = SyncCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
