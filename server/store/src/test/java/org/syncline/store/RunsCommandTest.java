package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.sync.cli.RunsCommand;
import org.syncline.sync.cli.SyncCommand;
import picocli.CommandLine;

/**
 * {@code syncline runs} in this process on an H2 file, after real runs of {@code syncline sync}:
 * the history as a user reads it without the workbench.
 */
class RunsCommandTest {

    @TempDir
    Path folder;

    private Path a;
    private Path b;
    private Path profile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void createTheDatabaseProfile() throws IOException {
        a = Files.createDirectories(folder.resolve("a"));
        b = Files.createDirectories(folder.resolve("b"));
        profile = Files.writeString(folder.resolve("profile.properties"), "database.url=jdbc:h2:file:"
                + folder.resolve("db").resolve("syncline") + ";AUTO_SERVER=TRUE\n"
                + "database.keyFile=" + folder.resolve("secret.key") + "\n");
    }

    @AfterEach
    void shutDownTheEmbeddedDatabase() throws SQLException {
        EmbeddedH2.shutDown(DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key")));
    }

    @Test
    void theHistoryListsEachRunNewestFirstAndShowsOneWithItsFileLogOrOnlyItsProblems() throws IOException {
        Files.writeString(a.resolve("x"), "a file");
        Files.writeString(a.resolve("ok.txt"), "fine");
        Files.createDirectories(b.resolve("x"));
        assertEquals(0, sync(a.toString(), b.toString(), "--rule", "MULTI_MIRROR", "--job", "Docs"), err.toString());
        assertTrue(out.toString().endsWith("Result: completed\nRun: 1 ('syncline runs 1' shows its file log)\n"), out.toString());
        Files.writeString(a.resolve("new.txt"), "later");
        assertEquals(0, sync(a.toString(), b.toString(), "--rule", "MULTI_MIRROR", "--job", "Docs"), err.toString());

        assertEquals(0, runs(), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).matches("RUN +STARTED +TOOK +RESULT +COPIED +MOVED +DELETED +CONFLICTS +ERRORS +DATA +JOB +FOLDERS"), lines.get(0));
        String folders = a + " " + b;
        assertTrue(lines.get(1).matches(" *2 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+\\.\\d s +succeeded +1 +0 +0 +0 +0 +5 B +Docs +"
                + java.util.regex.Pattern.quote(folders)), lines.get(1));
        assertTrue(lines.get(2).matches(" *1 +.* +succeeded +1 +0 +0 +0 +0 +4 B +Docs +.*"), lines.get(2));

        assertEquals(0, runs("last", "--problems"), err.toString());
        assertEquals("""
                Run 2 of job 'Docs': succeeded
                  Rule:     MULTI_MIRROR of %s, %s
                """.formatted(a, b), out.toString().lines().limit(2).map(line -> line + "\n").reduce("", String::concat));
        assertTrue(out.toString().contains("\nProblems:\n"), out.toString());
        assertTrue(out.toString().matches("(?s).*\n\\d\\d:\\d\\d:\\d\\d SKIPPED  SKIP           x: is a file on one path and a folder"
                + " on another; resolve it by hand\n"), out.toString());
        assertFalse(out.toString().contains("new.txt"), "only problems");

        assertEquals(0, runs("1"), err.toString());
        assertTrue(out.toString().startsWith("Run 1 of job 'Docs': succeeded\n"), out.toString());
        assertTrue(out.toString().contains("  Copied 1, moved 0, deleted 0, archived 0, conflicts 0, errors 0; 4 B transferred\n"), out.toString());
        assertTrue(out.toString().contains("  scanned 3, skipped 1\n"), out.toString());
        assertTrue(out.toString().contains(" DONE     COPY           ok.txt on " + b + "\n"), out.toString());
        assertTrue(out.toString().contains(" SKIPPED  SKIP           x: "), out.toString());

        assertEquals(0, runs("--job", "Docs", "--limit", "1"), err.toString());
        assertEquals(2, out.toString().lines().count(), out.toString());
    }

    @Test
    void wrongRunsJobsAndOptionsAreToldInTheUsersWords() throws IOException {
        assertEquals(0, runs(), err.toString());
        assertTrue(out.toString().matches("No run is recorded in .* yet\\.\n"), out.toString());
        assertEquals(1, runs("last"));
        assertTrue(err.toString().startsWith("syncline runs: no run is recorded in "), err.toString());

        Files.writeString(a.resolve("ok.txt"), "fine");
        assertEquals(0, sync(a.toString(), b.toString(), "--job", "Docs"), err.toString());
        assertEquals(1, runs("--job", "Nobody"));
        assertTrue(err.toString().startsWith("syncline runs: no job is named 'Nobody' in "), err.toString());
        assertEquals(1, runs("7"));
        assertTrue(err.toString().startsWith("syncline runs: there is no run 7 in "), err.toString());
        assertEquals(2, runs("yesterday"));
        assertEquals("syncline runs: 'yesterday' is not a run; give a run's number (the RUN column of 'syncline runs') or 'last'",
                err.toString().strip());
        assertEquals(2, runs("0"));
        assertEquals(2, runs("--limit", "0"));
        assertEquals("syncline runs: --limit must be from 1 to 100000, but is 0", err.toString().strip());
        assertEquals(2, runs("--problems"));
        assertEquals("syncline runs: --problems shows the problems of one run; give the run's number or 'last'", err.toString().strip());
    }

    private int sync(String... args) {
        return execute(SyncCommand.commandLine(), args);
    }

    private int runs(String... args) {
        return execute(RunsCommand.commandLine(), args);
    }

    private int execute(CommandLine command, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return ProfileCommand.execute(command, profile, out, err, args);
    }
}
