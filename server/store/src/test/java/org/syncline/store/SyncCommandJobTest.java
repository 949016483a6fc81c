package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Job;
import org.syncline.model.Rule;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.Databases;
import org.syncline.persistence.tests.EmbeddedH2;
import org.syncline.sync.cli.JobsCommand;
import org.syncline.sync.cli.SyncCommand;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.RunRecord;
import picocli.CommandLine;

/**
 * {@code syncline sync} in this process on an H2 file, with the database adapter found as in an
 * installation: jobs defined in the database run by name as defined, and the options of a run are
 * saved into its job.
 */
class SyncCommandJobTest {

    @TempDir
    Path folder;

    private Path a;
    private Path b;
    private Path profile;
    private SynclineDatabase database;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void defineJobAsTheWorkbenchDoes() throws IOException {
        a = Files.createDirectories(folder.resolve("a"));
        b = Files.createDirectories(folder.resolve("b"));
        Path file = folder.resolve("db").resolve("syncline");
        profile = Files.writeString(folder.resolve("profile.properties"), "database.url=jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE\n"
                + "database.keyFile=" + folder.resolve("secret.key") + "\n");
        database = Databases.open(DatabaseProfile.h2File(file, folder.resolve("secret.key")));
        Job docs = JobCatalogContract.localJob("Docs", a.toString(), b.toString());
        docs.setRule(Rule.MIRROR);
        docs.getFilter().setFileMasks("*.* | -*.tmp");
        docs.getFilter().setSubfolderMasks("-cache\\");
        database.catalog().save(docs);
        write(a.resolve("report.txt"), "report");
        write(a.resolve("scratch.tmp"), "scratch");
        write(a.resolve("deep/cache/blob.bin"), "blob");
        write(a.resolve("deep/notes.txt"), "notes");
    }

    @AfterEach
    void shutDownTheEmbeddedDatabase() throws SQLException {
        EmbeddedH2.shutDown(DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key")));
    }

    @Test
    void aJobDefinedInTheDatabaseRunsByNameWithItsFilter() throws IOException {
        assertEquals(0, sync("--job", "Docs"), err.toString());

        assertEquals("report", Files.readString(b.resolve("report.txt")));
        assertEquals("notes", Files.readString(b.resolve("deep/notes.txt")));
        assertFalse(Files.exists(b.resolve("scratch.tmp")), "excluded by the file mask -*.tmp");
        assertFalse(Files.exists(b.resolve("deep/cache")), "excluded at any depth by the subfolder mask -cache\\");
        assertEquals(1, database.runs().recentRuns(database.catalog().load(), job(), 10).size(), "the run belongs to the job");
    }

    @Test
    void optionsGivenWithTheJobsFoldersChangeOnlyThoseSettingsAndAreSaved() throws IOException {
        assertEquals(0, sync(a.toString(), b.toString(), "--job", "Docs", "--filter", "*.txt", "--ignore-case"), err.toString());

        assertTrue(Files.exists(b.resolve("report.txt")));
        assertFalse(Files.exists(b.resolve("scratch.tmp")));
        assertFalse(Files.exists(b.resolve("deep/cache")), "the saved subfolder masks still apply");
        Job saved = job();
        assertEquals("*.txt", saved.getFilter().getFileMasks());
        assertEquals("-cache\\", saved.getFilter().getSubfolderMasks());
        assertTrue(saved.getFilter().isIgnoreCase());
        assertEquals(Rule.MIRROR, saved.getRule());
    }

    @Test
    void aPreviewChangesNeitherTheFoldersNorTheJob() throws IOException {
        long version = job().getVersion();
        assertEquals(0, sync(a.toString(), b.toString(), "--job", "Docs", "--filter", "*.*", "--preview"), err.toString());

        assertTrue(out.toString().contains("scratch.tmp"), "the preview ran with the options given: " + out);
        assertFalse(Files.exists(b.resolve("report.txt")));
        assertEquals(version, job().getVersion());
        assertEquals("*.* | -*.tmp", job().getFilter().getFileMasks());
    }

    @Test
    void aJobThatCannotRunAsAskedChangesNothingAndExitsWith2() throws IOException {
        Path c = Files.createDirectories(folder.resolve("c"));
        assertEquals(2, sync("--job", "Missing"));
        assertTrue(err.toString().contains("There is no job named 'Missing' in the database (H2 database file jdbc:h2:file:"), err.toString());
        assertTrue(err.toString().contains("check the name, or give the job's folders to create it. Nothing was changed."), err.toString());

        assertEquals(2, sync(a.toString(), c.toString(), "--job", "Docs"));
        assertTrue(err.toString().contains("Job 'Docs' keeps " + a + " and " + b + " in step, not " + a + " and " + c), err.toString());

        Job docs = job();
        docs.getFilter().setFileMasks("*.txt | docs/*.md");
        database.catalog().save(docs);
        assertEquals(2, sync("--job", "Docs"));
        assertTrue(err.toString().contains("Job 'Docs' cannot run as it is saved: File mask 2 'docs/*.md' contains '/'"), err.toString());

        assertEquals(List.of(), list(b));
        assertEquals(List.of(), list(c));
    }

    @Test
    void aRunLeaseSettingThatIsNoNumberOfSecondsIsRefusedBeforeAnythingChanges() throws IOException {
        System.setProperty(DatabaseJobStorageProvider.RUN_LEASE_PROPERTY, "soon");
        try {
            assertEquals(2, sync("--job", "Docs"));
        } finally {
            System.clearProperty(DatabaseJobStorageProvider.RUN_LEASE_PROPERTY);
        }
        assertEquals("syncline sync: syncline.runLeaseSeconds must be a whole number of seconds from 1 to 3600, but is "
                + "'soon'; nothing was changed", err.toString().strip());
        assertEquals(List.of(), list(b));
    }

    @Test
    void aFolderThatAnotherJobMirrorsIntoIsRefusedUnlessLeftOutOrOnlyMerged() throws IOException {
        // Docs mirrors a into b; another job writing into b, or into a folder inside it, would have its
        // files deleted by every run of Docs and copy them again on every run of its own.
        Path photos = Files.createDirectories(folder.resolve("photos"));
        write(photos.resolve("beach.jpg"), "beach");
        Path inside = b.resolve("photos");

        assertEquals(2, sync(photos.toString(), inside.toString(), "--job", "Photos"));
        assertEquals("syncline sync: " + inside + " is inside " + b + ", a folder of job 'Docs', and this job makes " + inside
                + " follow " + photos + ", so each run would undo there what job 'Docs' changes, and job 'Docs' would change it"
                + " again (a mirror deletes what its master lacks). Give the two jobs folders apart, or leave " + inside
                + " out of job 'Docs' with the subfolder mask -\\photos\\, or, if job 'Docs' is no longer used, delete it"
                + " (syncline jobs --delete 'Docs'). Nothing was changed.", err.toString().strip());
        assertFalse(Files.exists(inside), "nothing was created");
        assertEquals(2, sync(photos.toString(), b.toString(), "--job", "Photos", "--preview"), "a preview is refused too");

        Job docs = job();
        docs.getFilter().setSubfolderMasks("-cache\\ | -\\photos\\");
        database.catalog().save(docs);
        assertEquals(0, sync(photos.toString(), inside.toString(), "--job", "Photos"), err.toString());
        assertEquals(0, sync("--job", "Docs"), err.toString());
        assertEquals("beach", Files.readString(inside.resolve("beach.jpg")), "left alone by the mirror of a into b");

        // Jobs that all merge into one folder (a hub) may share it.
        Path hub = Files.createDirectories(folder.resolve("hub"));
        Path site1 = Files.createDirectories(folder.resolve("site1"));
        Path site2 = Files.createDirectories(folder.resolve("site2"));
        write(site1.resolve("one.txt"), "1");
        assertEquals(0, sync(hub.toString(), site1.toString(), "--job", "Site1", "--rule", "MULTI_MIRROR"), err.toString());
        assertEquals(0, sync(hub.toString(), site2.toString(), "--job", "Site2", "--rule", "MULTI_MIRROR"), err.toString());
        assertEquals("1", Files.readString(site2.resolve("one.txt")));
        // But not with a mirror into it, which would undo what they bring in.
        assertEquals(2, sync(a.toString(), hub.toString(), "--job", "IntoHub"));
        assertTrue(err.toString().contains(hub + " is also a folder of job 'Site1', and this job makes " + hub + " follow " + a),
                err.toString());
    }

    @Test
    void aRunThatCannotStartIsRecordedInTheJobsHistoryWithTheReason() throws Exception {
        DatabaseJobCatalog history = new DatabaseJobCatalog(database);
        assertEquals(0, sync("--job", "Docs"), err.toString());
        Path unmounted = folder.resolve("a-unmounted");
        Files.move(a, unmounted);

        assertEquals(2, sync("--job", "Docs"));

        String reason = a + " does not exist or is not a folder; nothing was changed";
        assertTrue(err.toString().contains("syncline sync: " + reason), err.toString());
        RunRecord refused = history.runs("Docs", 10).orElseThrow().get(0);
        assertEquals(RunRecord.Status.CANCELLED, refused.status(), refused.toString());
        assertTrue(refused.message().contains(reason), refused.message());
        List<FileAction> logged = new ArrayList<>();
        history.fileLog(refused.id(), true, logged::add);
        assertEquals(1, logged.size(), logged::toString);
        assertEquals(FileAction.GUARD, logged.get(0).action());
        assertEquals(reason, logged.get(0).message());

        Files.move(unmounted, a);
        try (DatabaseRunLock running = history.lockRun("Docs", () -> { })) {
            assertEquals(1, sync("--job", "Docs"));
        }
        RunRecord busy = history.runs("Docs", 10).orElseThrow().get(0);
        assertEquals(RunRecord.Status.CANCELLED, busy.status(), busy.toString());
        assertTrue(busy.message().contains("nothing was changed"), busy.message());
        assertEquals(3, history.runs("Docs", 10).orElseThrow().size());

        Path usb = Files.createDirectories(folder.resolve("media/usb"));
        write(usb.resolve("photo.jpg"), "photo");
        assertEquals(0, sync(usb.toString(), folder.resolve("c").toString(), "--job", "Usb"), err.toString());
        try (var files = Files.walk(folder.resolve("media"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertEquals(2, sync("--job", "Usb"), "its folder and the one above it are gone");
        RunRecord gone = history.runs("Usb", 10).orElseThrow().get(0);
        assertEquals(RunRecord.Status.CANCELLED, gone.status(), gone.toString());
        assertTrue(gone.message().contains(usb + " does not exist or is not a folder"), gone.message());

        assertEquals(2, sync(folder.resolve("nowhere").toString(), b.toString()), "a job never saved");
        assertEquals(5, history.runs(null, 10).orElseThrow().size(),
                "a refused run of a job that was never saved is not recorded");
    }

    @Test
    void jobsAreListedAndOneNoLongerUsedIsDeletedWithItsHistoryButNotItsFiles() throws Exception {
        assertEquals(0, sync("--job", "Docs"), err.toString());
        Path other = Files.createDirectories(folder.resolve("other"));
        assertEquals(2, sync(other.toString(), b.toString(), "--job", "Other"), "Docs still mirrors into " + b);

        out.getBuffer().setLength(0);
        assertEquals(0, jobs(), err.toString());
        assertEquals(List.of("JOB   RULE    FOLDERS", "Docs  MIRROR  " + a + " " + b), out.toString().lines().toList());

        try (DatabaseRunLock running = new DatabaseJobCatalog(database).lockRun("Docs", () -> { })) {
            assertEquals(1, jobs("--delete", "Docs"));
            assertTrue(err.toString().contains("it was not deleted: let the run end, then delete it"), err.toString());
        }
        assertEquals(1, jobs("--delete", "Nobody"));
        assertTrue(err.toString().contains("syncline jobs: no job is named 'Nobody' in "), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, jobs("--delete", "Docs"), err.toString());
        assertEquals("Deleted job 'Docs' with its run history and synchronized state; the files in its folders are as they were.",
                out.toString().strip());
        assertTrue(database.catalog().loadJob("Docs").isEmpty());
        assertEquals("report", Files.readString(b.resolve("report.txt")), "its files stay");
        out.getBuffer().setLength(0);
        assertEquals(0, jobs(), err.toString());
        assertTrue(out.toString().startsWith("No job is saved in "), out.toString());
        assertEquals(0, sync(other.toString(), b.toString(), "--job", "Other"), err.toString());
    }

    private int jobs(String... args) {
        return execute(JobsCommand.commandLine(), args, "--db-profile", profile.toString());
    }

    private int sync(String... args) {
        return execute(SyncCommand.commandLine(), args, "--db-profile", profile.toString(), "--parallel", "2");
    }

    private int execute(CommandLine command, String[] args, String... more) {
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return command.execute(all);
    }

    private Job job() {
        return database.catalog().load().getJobs().stream().filter(job -> job.getName().equals("Docs")).findFirst().orElseThrow();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.toList();
        }
    }
}
