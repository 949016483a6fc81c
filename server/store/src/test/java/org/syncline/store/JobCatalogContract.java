package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.masks.FolderMasks;
import org.syncline.model.FileFilter;
import org.syncline.model.Job;
import org.syncline.model.JobOptions;
import org.syncline.model.JobPath;
import org.syncline.model.Machine;
import org.syncline.model.RetentionKind;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.JobLease;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.tests.Databases;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.InvalidJobException;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunRecord;
import org.syncline.sync.state.RunSummary;

/**
 * Jobs as the workbench saves them and as {@code syncline sync} runs them: the database's
 * {@link org.syncline.sync.state.JobCatalog}, run against each database by a subclass.
 */
abstract class JobCatalogContract {

    private static final SynclineFactory F = SynclineFactory.eINSTANCE;
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-07-01T12:30:00Z");

    @TempDir
    Path folder;

    /** A profile of a new, empty database. */
    abstract DatabaseProfile newDatabase() throws Exception;

    @AfterEach
    void closeDatabases() {
        Databases.closeOpened();
    }

    @Test
    void aJobSavedByTheWorkbenchIsLoadedIntoTheExactSyncJob() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        Job row = localJob("Reports", folder.resolve("a").toString(), folder.resolve("b") + "/");
        row.setRule(org.syncline.model.Rule.MULTI_MIRROR);
        FileFilter filter = row.getFilter();
        filter.setFileMasks("*.* | -*.tmp ; -~*.doc");
        filter.setSubfolderMasks("\\Reports\\ | -cache/");
        filter.setIgnoreCase(true);
        filter.setModifiedAfter(T1);
        filter.setModifiedBefore(T2);
        filter.setMinimumSize(10L);
        filter.setMaximumSize(5_000_000_000L);
        JobOptions options = row.getOptions();
        options.setConflictPolicy(org.syncline.model.ConflictPolicy.KEEP_BOTH);
        options.setDeleteHandling(org.syncline.model.DeleteHandling.PROPAGATE);
        options.setArchiveDeleted(true);
        options.setArchiveReplaced(true);
        options.setRetentionKind(RetentionKind.DAYS);
        options.setRetentionCount(30);
        options.setMassDeleteWarnAfter(50);
        options.setMassDeleteCancelAfter(500);
        options.setCopyRetryCount(7);
        options.setCopyRetryDelaySeconds(45);
        options.setCopyPermissions(false);
        options.setCompareContent(true);
        options.setCompareAttributes(true);
        options.setDeleteOlderThanDays(90);
        options.setFileLocking(true);
        database.catalog().save(row);

        SyncJob expected = new SyncJob("Reports", List.of(folder.resolve("a").toString(), folder.resolve("b").toString()),
                Rule.MULTI_MIRROR, Filter.of("*.* | -*.tmp | -~*.doc", "\\Reports\\ | -cache\\", true).sizeBetween(10, 5_000_000_000L)
                        .modifiedAfter(T1).modifiedBefore(T2),
                new SyncOptions(ConflictPolicy.KEEP_BOTH, DeleteHandling.ARCHIVE, true, Retention.days(30), new MassDeleteGuard(50, 500),
                        new RetryPolicy(7, Duration.ofSeconds(45)), false, true, true, true, true, Duration.ofDays(90),
                        SyncOptions.defaults().parallelCopies()));
        assertEquals(expected, new DatabaseJobCatalog(database).find("Reports").orElseThrow());
        assertTrue(new DatabaseJobCatalog(database).find("reports").isEmpty(), "names are matched exactly");
    }

    @Test
    void aJobRunFromTheCommandLineIsSavedAsItRanAndOnlyWhenItChanged() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database);
        List<String> paths = List.of(folder.resolve("a").toString(), folder.resolve("b").toString());
        SyncJob job = new SyncJob("nightly", paths, Rule.MIRROR, Filter.of("-*.log", "-build\\", false).sizeBetween(0, 1000),
                SyncOptions.defaults().withConflictPolicy(ConflictPolicy.WARN_AND_SKIP).withDeleteHandling(DeleteHandling.NEVER)
                        .withArchiveReplaced(true, Retention.versions(3)).withMassDeleteGuard(new MassDeleteGuard(0, 20))
                        .withRetryPolicy(new RetryPolicy(2, Duration.ofSeconds(1))).withCopyAcls(false).withChecksum(true)
                        .withParallelCopies(16));

        catalog.save(job, List.of("a", "b"));
        SyncJob expected = new SyncJob(job.id(), paths, job.rule(), job.filter(),
                job.options().withParallelCopies(SyncOptions.DEFAULT_PARALLEL_COPIES));
        assertEquals(expected, catalog.find("nightly").orElseThrow());
        Job row = row(database, "nightly");
        assertEquals("-*.log", row.getFilter().getFileMasks(), "the workbench shows the masks it ran with");
        assertEquals("-build\\", row.getFilter().getSubfolderMasks());
        assertEquals(RetentionKind.VERSIONS, row.getOptions().getRetentionKind());
        assertEquals(3, row.getOptions().getRetentionCount());
        assertEquals(0, row.getOptions().getMassDeleteWarnAfter());
        assertFalse(row.getOptions().isCopyAttributes());

        long version = row.getVersion();
        catalog.save(job, List.of("a", "b"));
        assertEquals(version, row(database, "nightly").getVersion(), "an unchanged job is not written again");
        SyncJob everyFile = new SyncJob(job.id(), paths, job.rule(), Filter.ALL, job.options());
        catalog.open(everyFile, List.of("a", "b"));
        assertEquals(expected, catalog.find("nightly").orElseThrow(), "a preview does not change the job");
        catalog.save(everyFile, List.of("a", "b"));
        assertEquals(version + 1, row(database, "nightly").getVersion());
        assertEquals(Filter.ALL, catalog.find("nightly").orElseThrow().filter());
    }

    @Test
    void aJobIsNeverMovedToOtherFolders() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database);
        String a = folder.resolve("a").toString();
        catalog.save(new SyncJob("docs", List.of(a, folder.resolve("b").toString()), Rule.MIRROR, Filter.ALL, SyncOptions.defaults()),
                List.of("a", "b"));
        long version = row(database, "docs").getVersion();

        SyncJob elsewhere = new SyncJob("docs", List.of(a, folder.resolve("c").toString()), Rule.MIRROR, Filter.ALL, SyncOptions.defaults());
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> catalog.save(elsewhere, List.of("a", "c")));
        assertEquals("Job 'docs' keeps " + a + " and " + folder.resolve("b") + " in step, not " + a + " and " + folder.resolve("c")
                + ": run it without folders (syncline sync --job docs), or give these folders another job name.", e.getMessage());
        assertEquals(version, row(database, "docs").getVersion(), "nothing was changed");
        assertEquals(List.of(a, folder.resolve("b").toString()), catalog.find("docs").orElseThrow().paths());
    }

    @Test
    void jobsThatCannotRunHereAreRefusedInTheUsersWords() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database);
        Machine beta = F.createMachine();
        beta.setName("beta");
        beta.setHostName("beta.example.org");
        database.catalog().save(beta);
        Job remote = localJob("remote", folder.resolve("a").toString(), "E:\\Reports");
        remote.getPaths().get(1).setMachine(beta);
        database.catalog().save(remote);
        database.catalog().save(localJob("single", folder.resolve("a").toString()));
        Job masks = localJob("masks", folder.resolve("a").toString(), folder.resolve("b").toString());
        masks.getFilter().setSubfolderMasks("\\Reports\\ | -Temp");
        database.catalog().save(masks);
        database.catalog().save(localJob("relative", folder.resolve("a").toString(), "data/b"));

        assertEquals("Path 2 of job 'remote', 'E:\\Reports' on machine 'beta', is reached through its agent, which syncline sync "
                + "cannot do yet: it synchronizes folders of this computer only.", refusal(catalog, "remote"));
        assertEquals("Job 'single' cannot run as it is saved: Job 'single' needs at least two paths; it has 1. Correct it in the "
                + "workbench.", refusal(catalog, "single"));
        assertEquals("Job 'masks' cannot run as it is saved: Subfolder mask 2 '-Temp' must end with \\: write -\\Temp\\ for the "
                + "folder at the top, or -Temp\\ for one at any depth. To select files, use a file mask. Correct it in the workbench.",
                refusal(catalog, "masks"));
        assertEquals("Path 2 of job 'relative', 'data/b', is not a full path of a folder on this computer: give it from the root, "
                + "such as /srv/data.", refusal(catalog, "relative"));
        assertTrue(catalog.find("missing").isEmpty());

        // What a run checks against the other jobs: where each works, whether it could run here or not.
        String a = folder.resolve("a").toString();
        Map<String, List<String>> jobs = new TreeMap<>();
        catalog.jobs().forEach(job -> jobs.put(job.name(), job.folders()));
        assertEquals(Map.of("remote", Arrays.asList(a, null), "single", List.of(a), "masks", List.of(a, folder.resolve("b").toString()),
                "relative", Arrays.asList(a, null)), jobs, "a folder of another machine, or not a full path, as null");
        assertEquals(FolderMasks.ALL.toString(), catalog.jobs().stream().filter(job -> job.name().equals("masks"))
                .findFirst().orElseThrow().folderMasks().toString(), "masks that cannot be read as none");
    }

    @Test
    void ofConcurrentClaimsOnlyOneWinsAndTheOthersAreToldWhoRunsTheJob() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        int processes = 6;
        for (int round = 1; round <= 3; round++) {
            CyclicBarrier start = new CyclicBarrier(processes);
            ExecutorService pool = Executors.newFixedThreadPool(processes);
            List<Future<Object>> claims = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                // Each one its own catalog, as each process of several machines has.
                DatabaseJobCatalog catalog = new DatabaseJobCatalog(database);
                claims.add(pool.submit(() -> {
                    start.await();
                    try {
                        return catalog.lockRun("Nightly", () -> { });
                    } catch (JobRunningException e) {
                        return e;
                    }
                }));
            }
            List<DatabaseRunLock> won = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            for (Future<Object> claim : claims) {
                Object result = claim.get(30, TimeUnit.SECONDS);
                if (result instanceof DatabaseRunLock lock) {
                    won.add(lock);
                } else {
                    refusals.add(((Exception) result).getMessage());
                }
            }
            pool.shutdown();
            assertEquals(1, won.size(), "round " + round + ": " + refusals);
            assertEquals(round, won.get(0).token(), "the fencing token grows with every claim");
            String holder = " (process " + ProcessHandle.current().pid() + ") since ";
            for (String refusal : refusals) {
                assertTrue(refusal.startsWith("job Nightly is already running on ") && refusal.contains(holder)
                        && refusal.contains(" UTC; try again when it has finished"), refusal);
            }
            won.get(0).close();
        }
    }

    @Test
    void aLeaseWhoseHolderDiedIsTakenOverWhenItExpires() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        long dead = database.jobLeases().claim("Nightly", "gone-host (process 7)", Duration.ofSeconds(2)).orElseThrow();
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database, Duration.ofSeconds(2));

        String refusal = assertThrows(JobRunningException.class, () -> catalog.lockRun("Nightly", () -> { })).getMessage();
        assertTrue(refusal.startsWith("job Nightly is already running on gone-host (process 7) since "), refusal);

        Thread.sleep(2500);
        try (DatabaseRunLock lock = catalog.lockRun("Nightly", () -> { })) {
            assertTrue(lock.token() > dead, "the new holder's token is larger: " + lock.token() + " after " + dead);
            assertFalse(database.jobLeases().renew("Nightly", dead, Duration.ofSeconds(2)), "the dead holder's token is void");
            JobLease lease = database.jobLeases().find("Nightly").orElseThrow();
            assertTrue(lease.held());
            assertTrue(lease.holder().endsWith("(process " + ProcessHandle.current().pid() + ")"), lease.holder());
        }
    }

    @Test
    void aHeldLeaseIsRenewedWhileTheRunLastsAndFreedAtOnceByItsRelease() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database, Duration.ofSeconds(1));
        AtomicBoolean lost = new AtomicBoolean();
        DatabaseRunLock lock = catalog.lockRun("Nightly", () -> lost.set(true));
        JobLease claimed = database.jobLeases().find("Nightly").orElseThrow();

        Thread.sleep(3000);
        assertThrows(JobRunningException.class, () -> catalog.lockRun("Nightly", () -> { }),
                "three times the lease later the job is still held: it was renewed");
        JobLease renewed = database.jobLeases().find("Nightly").orElseThrow();
        assertTrue(renewed.expiresAt().isAfter(claimed.expiresAt().plusMillis(1500)), claimed + " then " + renewed);
        assertEquals(claimed.claimedAt(), renewed.claimedAt());
        assertFalse(lost.get());

        lock.close();
        assertFalse(database.jobLeases().find("Nightly").orElseThrow().held());
        try (DatabaseRunLock next = catalog.lockRun("Nightly", () -> { })) {
            assertEquals(lock.token() + 1, next.token(), "released: claimed again at once, with the next token");
        }
        lock.close();
    }

    @Test
    void aLeaseTakenOverWhileHeldIsReportedLost() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        AtomicBoolean lost = new AtomicBoolean();
        try (DatabaseRunLock lock = new DatabaseJobCatalog(database, Duration.ofSeconds(1)).lockRun("Nightly",
                () -> lost.set(true))) {
            // As if this process had been cut off from the database until another one took the job over.
            database.jobLeases().release("Nightly", lock.token());
            database.jobLeases().claim("Nightly", "other-host (process 8)", Duration.ofMinutes(1)).orElseThrow();
            Thread.sleep(1500);
            assertTrue(lost.get());
        }
        assertEquals("other-host (process 8)", database.jobLeases().find("Nightly").orElseThrow().holder(),
                "closing a lost lock leaves the new holder's lease alone");
    }

    @Test
    void theRunHistoryListsRunsNewestFirstWithTheirFileLogsAndTellsACutOffRunFromARunningOne() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        DatabaseJobCatalog catalog = new DatabaseJobCatalog(database);
        List<String> paths = List.of(folder.resolve("a").toString(), folder.resolve("b").toString());
        SyncJob docs = new SyncJob("Docs", paths, Rule.MIRROR, Filter.ALL, SyncOptions.defaults());
        SyncJob other = new SyncJob("Other", paths, Rule.MULTI_MIRROR, Filter.ALL, SyncOptions.defaults());
        RunLog docsLog = catalog.save(docs, List.of("a", "b")).runLog();
        RunLog otherLog = catalog.save(other, List.of("a", "b")).runLog();
        String b = paths.get(1);

        long first = docsLog.runStarted("Docs", T1, false);
        docsLog.fileAction(first, new FileAction(T1, "MKDIR", "reports", b, Outcome.DONE, 0, ""));
        docsLog.fileAction(first, new FileAction(T1, "COPY", "reports/q3.xlsx", b, Outcome.DONE, 1500, ""));
        docsLog.fileAction(first, new FileAction(T1, "COPY", "locked.doc", b, Outcome.FAILED, 0, "Permission denied"));
        docsLog.fileAction(first, new FileAction(T1, "SKIP", "x", "", Outcome.SKIPPED, 0, "a file here, a folder there"));
        docsLog.runFinished(first, new RunSummary(T1, T1.plusSeconds(90), 10, 1, 0, 0, 0, 1, 1, 1500, false, ""));
        long preview = otherLog.runStarted("Other", T2, true);
        otherLog.runFinished(preview, new RunSummary(T2, T2.plusSeconds(1), 10, 0, 0, 0, 0, 0, 0, 0, false, "preview"));
        // A run whose process died: its row stays marked running, its log holds what was done.
        long cutOff = docsLog.runStarted("Docs", T2.plusSeconds(60), false);
        for (int i = 0; i < DatabaseRunLog.BATCH; i++) {
            docsLog.fileAction(cutOff, new FileAction(T2, "COPY", "f" + i, b, Outcome.DONE, 10, ""));
        }

        // The log is written while the run goes on, by a thread of its own: wait for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<RunRecord> all = catalog.runs(null, 10).orElseThrow();
        while (all.get(0).copied() < DatabaseRunLog.BATCH && System.nanoTime() < deadline) {
            Thread.sleep(20);
            all = catalog.runs(null, 10).orElseThrow();
        }
        assertEquals(List.of(cutOff, preview, first), all.stream().map(RunRecord::id).toList(), "newest first");
        RunRecord finished = all.get(2);
        assertEquals(new RunRecord(first, "Docs", "MIRROR", paths, "manual", T1, T1.plusSeconds(90),
                RunRecord.Status.COMPLETED_WITH_ERRORS, "", false, 1, 0, 0, 0, 0, 1, 1500, "scanned 10, skipped 1"), finished);
        assertTrue(all.get(1).preview());
        assertEquals(RunRecord.Status.SUCCEEDED, all.get(1).status());
        assertEquals("MULTI_MIRROR", all.get(1).rule());
        RunRecord interrupted = all.get(0);
        assertEquals(RunRecord.Status.INTERRUPTED, interrupted.status(), "nobody holds the job: the run was cut off");
        assertEquals(null, interrupted.finished());
        assertEquals(DatabaseRunLog.BATCH, interrupted.copied(), "the totals of its log so far");
        assertEquals(10L * DatabaseRunLog.BATCH, interrupted.bytes());

        assertEquals(List.of(cutOff, first), catalog.runs("Docs", 10).orElseThrow().stream().map(RunRecord::id).toList());
        assertEquals(List.of(cutOff), catalog.runs("Docs", 1).orElseThrow().stream().map(RunRecord::id).toList());
        assertTrue(catalog.runs("Nobody", 10).isEmpty(), "no such job");
        assertEquals(finished, catalog.run(first).orElseThrow());
        assertTrue(catalog.run(cutOff + 1000).isEmpty());

        List<FileAction> log = new ArrayList<>();
        catalog.fileLog(first, false, log::add);
        assertEquals(List.of(new FileAction(T1, "MKDIR", "reports", b, Outcome.DONE, 0, ""),
                new FileAction(T1, "COPY", "reports/q3.xlsx", b, Outcome.DONE, 1500, ""),
                new FileAction(T1, "COPY", "locked.doc", b, Outcome.FAILED, 0, "Permission denied"),
                new FileAction(T1, "SKIP", "x", "", Outcome.SKIPPED, 0, "a file here, a folder there")), log,
                "in the order written, named as the console names them");
        List<String> problems = new ArrayList<>();
        catalog.fileLog(first, true, action -> problems.add(action.path()));
        assertEquals(List.of("locked.doc", "x"), problems);
        long[] streamed = {0};
        catalog.fileLog(cutOff, false, action -> streamed[0]++);
        assertEquals(DatabaseRunLog.BATCH, streamed[0]);

        try (DatabaseRunLock lock = catalog.lockRun("Docs", () -> { })) {
            long running = docsLog.runStarted("Docs", T2.plusSeconds(120), false);
            RunRecord going = catalog.run(running).orElseThrow();
            assertEquals(RunRecord.Status.RUNNING, going.status(), "its job is held");
            assertTrue(going.runningOn().endsWith("(process " + ProcessHandle.current().pid() + ")"), going.runningOn());
            assertEquals("", catalog.run(cutOff).orElseThrow().runningOn());
            assertEquals(RunRecord.Status.INTERRUPTED, catalog.run(cutOff).orElseThrow().status(),
                    "a later run of its job started: it is not the one holding the job");
            docsLog.runFinished(running, new RunSummary(T2, T2.plusSeconds(121), 0, 0, 0, 0, 0, 0, 0, 0, true, "stopped by the user"));
            RunRecord cancelled = catalog.run(running).orElseThrow();
            assertEquals(RunRecord.Status.CANCELLED, cancelled.status());
            assertEquals("Cancelled: stopped by the user (scanned 0, skipped 0)", cancelled.message());
        }
    }

    @Test
    void aFinishedRunDeletesItsJobsRunsOlderThanTheHistoryKeptWithTheirFileLogs() throws Exception {
        SynclineDatabase database = Databases.open(newDatabase());
        List<String> paths = List.of(folder.resolve("a").toString(), folder.resolve("b").toString());
        DatabaseJobCatalog keeping30Days = new DatabaseJobCatalog(database, DatabaseJobCatalog.RUN_LEASE, 30);
        RunLog docs = keeping30Days.save(new SyncJob("Docs", paths, Rule.MIRROR, Filter.ALL, SyncOptions.defaults()),
                List.of("a", "b")).runLog();
        RunLog other = keeping30Days.save(new SyncJob("Other", paths, Rule.MIRROR, Filter.ALL, SyncOptions.defaults()),
                List.of("a", "b")).runLog();
        Instant now = T2;
        long old = finishedRun(docs, "Docs", now.minus(Duration.ofDays(50)));
        long cutOff = docs.runStarted("Docs", now.minus(Duration.ofDays(35)), false);
        long recent = finishedRun(docs, "Docs", now.minus(Duration.ofDays(10)));
        long otherOld = finishedRun(other, "Other", now.minus(Duration.ofDays(50)));
        assertEquals(List.of(recent, cutOff), ids(keeping30Days.runs("Docs", 10).orElseThrow()),
                "the run that started more than 30 days before the last one ended is gone");
        assertTrue(keeping30Days.run(old).isEmpty());
        List<FileAction> log = new ArrayList<>();
        keeping30Days.fileLog(old, false, log::add);
        assertEquals(List.of(), log, "with its file log");

        long current = finishedRun(docs, "Docs", now);
        assertEquals(List.of(current, recent), ids(keeping30Days.runs("Docs", 10).orElseThrow()), "and so is one cut off");
        assertEquals(List.of(otherOld), ids(keeping30Days.runs("Other", 10).orElseThrow()), "another job's runs are its own");

        DatabaseJobCatalog keepingAll = new DatabaseJobCatalog(database, DatabaseJobCatalog.RUN_LEASE, 0);
        RunLog forever = keepingAll.save(new SyncJob("Docs", paths, Rule.MIRROR, Filter.ALL, SyncOptions.defaults()),
                List.of("a", "b")).runLog();
        long muchLater = finishedRun(forever, "Docs", now.plus(Duration.ofDays(1000)));
        assertEquals(List.of(muchLater, current, recent), ids(keepingAll.runs("Docs", 10).orElseThrow()), "0 keeps every run");
    }

    /** A run of one copy that starts at {@code start} and ends a second later. */
    private static long finishedRun(RunLog log, String job, Instant start) throws Exception {
        long id = log.runStarted(job, start, false);
        log.fileAction(id, new FileAction(start, "COPY", "report.txt", "b", Outcome.DONE, 10, ""));
        log.runFinished(id, new RunSummary(start, start.plusSeconds(1), 1, 1, 0, 0, 0, 0, 0, 10, false, ""));
        return id;
    }

    private static List<Long> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::id).toList();
    }

    private static String refusal(DatabaseJobCatalog catalog, String name) {
        return assertThrows(InvalidJobException.class, () -> catalog.find(name)).getMessage();
    }

    /** A job as the workbench creates it: default filter and options, folders of the engine's computer. */
    static Job localJob(String name, String... folders) {
        Job job = F.createJob();
        job.setName(name);
        job.setFilter(F.createFileFilter());
        job.setOptions(F.createJobOptions());
        for (String folder : folders) {
            JobPath path = F.createJobPath();
            path.setFolder(folder);
            job.getPaths().add(path);
        }
        return job;
    }

    private static Job row(SynclineDatabase database, String name) {
        return database.catalog().load().getJobs().stream().filter(job -> job.getName().equals(name)).findFirst().orElseThrow();
    }
}
