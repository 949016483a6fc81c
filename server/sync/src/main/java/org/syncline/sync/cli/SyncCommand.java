package org.syncline.sync.cli;

import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.Executor;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.InvalidJobException;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.ChangeJournals;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.FolderOverlap;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.FileRunLock;
import org.syncline.sync.state.FileRunLog;
import org.syncline.sync.state.FileSyncStateStore;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.JobStorage;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLock;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.sync.state.SyncStateStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code syncline sync <pathA> <pathB> [more] [--rule ...] [--preview] [--filter ...]}: runs one job
 * on local paths without an engine and prints a summary like {@code rsync --stats}. Exit code 0 when
 * everything succeeded, 1 when any file failed or the run was cancelled, 2 for bad input.
 *
 * <p>Jobs are kept in the database. {@code --job NAME} without paths runs the saved job as it is
 * defined, e.g. in the workbench; with paths it creates the job, or runs the saved one (whose
 * paths they must be) with the job options given on the command line changed. Without
 * {@code --job} the job is named after the rule and paths and the command line defines all of it.
 * Unless previewing, the job is saved as it runs, so the workbench shows it as it ran. How many files are
 * copied at once ({@code --parallel}) belongs to the run, not the job.
 *
 * <p>State and run history go to the database: {@code --db URL}, {@code --db-profile FILE}, or
 * else the installation's configured one (by default the embedded H2 file), through the
 * {@link JobStorageProvider} on the class path. {@code --state-dir} keeps them in the interim
 * files instead (also used when no provider is present), in a {@code .syncline} folder. A
 * database that cannot be opened exits with code 2 and changes nothing.
 *
 * <p>A job runs once at a time: before anything changes, the run claims it in the database, against
 * every machine sharing it ({@link JobCatalog#lockRun}), or, with the interim files, with a lock file
 * in the {@code .syncline} folder. A job that is running already exits with code 1 and a message
 * saying who runs it since when, and changes nothing.
 *
 * <p>{@code --engine} runs the same command in the running engine of this installation instead of
 * in this process ({@link EngineClient}): same job, state, output and exit code, but the engine's
 * Java is already started and its code compiled, which is most of a small run's time. The engine
 * runs it through {@link #commandLine(Host)} with its own database and the caller's working
 * folder.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Synchronizes two or more folders by a rule and prints a summary.")
public final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Folders; the first is the master for master rules.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    JobSettings settings;

    @Option(names = "--preview", description = "Show what would be done; change nothing.")
    boolean preview;

    @Option(names = "--allow-emptied", description = "Let the run go ahead although a folder that held synchronized "
            + "files is empty (or missing) now. Without it such a run changes nothing: an empty folder is often a disk or "
            + "share that is not mounted, whose files the run would delete elsewhere, or copy again onto the disk below.")
    boolean allowEmptied;

    @Option(names = "--parallel", defaultValue = "" + SyncOptions.DEFAULT_PARALLEL_COPIES, description = "Files copied at the same time (default ${DEFAULT-VALUE}; I/O-bound: more than the cores).")
    int parallel;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--state-dir", description = "Keep state and run log in interim files in this folder instead of the database.")
    Path stateDir;

    @Option(names = "--job", paramLabel = "NAME", description = "The job in the database: without PATHs, run it as saved "
            + "(e.g. defined in the workbench); with PATHs, create it or run it with the options given here changed and saved. "
            + "Default: a job named after the rule and PATHs.")
    String jobName;

    @Option(names = {"-v", "--verbose"}, description = "Print every action.")
    boolean verbose;

    @Option(names = "--progress", description = "Print the run's progress to standard error (actions and bytes done, rate, time left, current file).")
    boolean progress;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between two lines of --progress (default ${DEFAULT-VALUE}).")
    double progressInterval;

    @Option(names = "--engine", description = "Run in the engine of this installation (started with 'syncline engine'), "
            + "whose Java is already running: the same job, output and exit code, faster for small runs. "
            + "Uses the engine's database; interrupting this command cancels the run.")
    boolean engine;

    private final Host host;

    /** The catalogs this command opened; closed when it ends. */
    private final List<JobCatalog> opened = new ArrayList<>();

    private SyncCommand(Host host) {
        this.host = host;
    }

    /**
     * Where the command runs.
     *
     * @param storage the database provider for runs that keep their state in one, if any (asked
     *     only then)
     * @param workingDirectory what relative folders and files on the command line are relative to
     * @param cancellation cancels the run when set, e.g. by the engine when its caller went away
     * @param inEngine whether this is the engine running a command for a caller ({@code --engine} is
     *     refused there)
     * @param journals the change journals of local folders kept from run to run (the engine's);
     *     {@code null}: every folder is scanned
     */
    public record Host(Supplier<Optional<JobStorageProvider>> storage, Path workingDirectory,
            Cancellation cancellation, boolean inEngine, ChangeJournals journals) {

        /** A host that scans every folder on every run. */
        public Host(Supplier<Optional<JobStorageProvider>> storage, Path workingDirectory, Cancellation cancellation,
                    boolean inEngine) {
            this(storage, workingDirectory, cancellation, inEngine, null);
        }

        /** This process: the provider on the class path, the current folder, cancelled by nobody. */
        public static Host local() {
            return new Host(() -> ServiceLoader.load(JobStorageProvider.class).findFirst(),
                    Path.of("").toAbsolutePath(), new Cancellation(), false);
        }
    }

    @Override
    public Integer call() throws IOException {
        try {
            return sync();
        } finally {
            for (JobCatalog catalog : opened) {
                catalog.close();
            }
        }
    }

    private int sync() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stateDir != null && database.chosen()) {
            err.println("syncline sync: --state-dir cannot be combined with --db or --db-profile");
            return 2;
        }
        if (!(progressInterval >= 0 && progressInterval <= 86_400)) {
            err.println("syncline sync: --progress-interval must be from 0 to 86400 seconds, but is " + progressInterval);
            return 2;
        }
        if (engine) {
            return inEngine(out, err);
        }
        if (host.inEngine() && database.chosen()) {
            err.println("syncline sync: runs in the engine use the engine's database; --db and --db-profile cannot be"
                    + " given to them");
            return 2;
        }
        Path stateFolder = stateDir == null ? null : host.workingDirectory().resolve(stateDir);
        Optional<JobStorageProvider> provider = stateFolder != null ? Optional.empty() : host.storage().get();
        if (paths.isEmpty() && jobName == null) {
            err.println("syncline sync: give two or more folders to synchronize, or --job NAME to run a job saved in the database");
            return 2;
        }
        if (paths.isEmpty() && provider.isEmpty()) {
            err.println("syncline sync: --job " + jobName + " without folders runs a job saved in the database, which "
                    + (stateFolder != null ? "--state-dir does not use" : "this installation cannot open") + "; give the job's folders");
            return 2;
        }
        JobCatalog catalog = null;
        SyncJob job;
        try {
            SyncJob saved = null;
            if (jobName != null && provider.isPresent()) {
                catalog = open(provider.get());
                saved = saved(catalog);
            }
            job = job(saved);
        } catch (StorageUnavailableException | InvalidJobException e) {
            return nothingChanged(err, e);
        } catch (IllegalArgumentException e) {
            err.println("syncline sync: " + e.getMessage());
            return 2;
        }
        Optional<Path> missing = missingFolder(job);
        if (missing.isPresent()) {
            return refused(err, provider, catalog, job, missing.get() + " does not exist or is not a folder; nothing was"
                    + " changed", 2);
        }
        List<Path> folders = job.paths().stream().map(Path::of).toList();
        Optional<String> overlap = FolderOverlap.find(folders, job.filter().folders());
        if (overlap.isPresent()) {
            return refused(err, provider, catalog, job, overlap.get() + " Nothing was changed.", 2);
        }
        Path state = stateFolder != null ? stateFolder : Path.of(System.getProperty("user.home"));
        if (stateFolder != null) {
            Optional<Path> holder = FolderOverlap.containing(stateFolder, folders);
            if (holder.isPresent()) {
                err.println("syncline sync: --state-dir " + stateDir + " keeps the job's state inside the job's folder "
                        + holder.get() + ", so each run would synchronize (or delete) its own state; choose a folder"
                        + " outside the job's folders. Nothing was changed.");
                return 2;
            }
        }
        Cancellation cancellation = host.cancellation();
        try {
            if (catalog == null && provider.isPresent()) {
                catalog = open(provider.get());
            }
        } catch (StorageUnavailableException e) {
            return nothingChanged(err, e);
        }
        JobCatalog jobs = catalog;
        if (jobs != null) {
            try {
                Optional<String> clash = FolderOverlap.withOtherJobs(job, jobs.jobs());
                if (clash.isPresent()) {
                    return refused(err, provider, jobs, job, clash.get() + " Nothing was changed.", 2);
                }
            } catch (StorageUnavailableException e) {
                return nothingChanged(err, e);
            }
        }
        // Claimed before anything changes: the job's folders, its saved definition, its state.
        RunLock lock;
        try {
            lock = jobs != null ? jobs.lockRun(job.id(), () -> lost(err, job, cancellation))
                    : FileRunLock.lock(state, job.id());
        } catch (JobRunningException e) {
            return refused(err, provider, jobs, job, e.getMessage() + "; nothing was changed", 1);
        } catch (StorageUnavailableException e) {
            return nothingChanged(err, e);
        } catch (IOException e) {
            err.println("syncline sync: " + e.getMessage() + "; nothing was changed");
            return 1;
        }
        // Released last: Ctrl-C cancels the run, which then records its end and releases the job.
        try (Interruption interruption = host.inEngine() ? Interruption.none() : Interruption.install(cancellation, err);
             lock) {
            List<Replica> replicas = new ArrayList<>();
            List<Path> createdFolders = new ArrayList<>();
            for (int i = 0; i < job.paths().size(); i++) {
                Path path = Path.of(job.paths().get(i));
                boolean follower = i > 0 && job.rule().hasMaster();
                if (!Files.isDirectory(path) && follower && !preview && path.getParent() != null && Files.isDirectory(path.getParent())) {
                    Files.createDirectory(path);
                    createdFolders.add(path);
                    out.println("Created " + path);
                }
                if (!Files.isDirectory(path) && follower && preview) {
                    replicas.add(MemoryReplica.standingFor(LocalReplica.idOf(path), path.toString()));
                    out.println(path + " does not exist yet; it would be created");
                    continue;
                }
                replicas.add(host.journals() != null ? LocalReplica.open(path, host.journals()) : LocalReplica.open(path));
            }
            JobStorage storage;
            try {
                storage = openStorage(jobs, job, replicas, state, lock);
            } catch (StorageUnavailableException | InvalidJobException e) {
                return nothingChanged(err, e);
            }
            try (storage) {
                ConsoleRunLog runLog = new ConsoleRunLog(storage.runLog(), err, verbose);
                SyncRun run = new SyncRun(storage.stateStore(), runLog, Clock.systemDefaultZone(), allowEmptied);
                if (preview) {
                    List<String> names = replicas.stream().map(Replica::toString).toList();
                    // A plan may list millions of actions: buffered, not flushed line by line.
                    PrintWriter listing = new PrintWriter(new BufferedWriter(out, 1 << 16));
                    Summary.printPreviewHeader(listing, job.id());
                    SyncRun.Result result = run.preview(job, replicas,
                            action -> Summary.printPlanned(listing, names, action));
                    Summary.printPreviewTotals(listing, result.plan(),
                            Executor.refusal(result.plan(), job.options(), allowEmptied).orElse(null));
                    return 0;
                }
                ProgressListener listener = progress
                        ? new ConsoleProgress(err, Duration.ofNanos(Math.round(progressInterval * 1e9)), System::nanoTime)
                        : ProgressListener.NONE;
                SyncRun.Result result = run.run(job, replicas, cancellation, listener);
                if (result.summary().cancelled()) {
                    removeIfEmpty(createdFolders, out);
                }
                Summary.printStats(out, result.summary(), result.timings(), replicas);
                if (jobs != null) {
                    out.println("Run: " + result.runId() + " ('syncline runs " + result.runId() + "' shows its file log)");
                    out.flush();
                }
                return interruption.exitCode(result.summary().succeeded() ? 0 : 1);
            }
        } catch (IOException e) {
            err.println("syncline sync: " + e.getMessage() + "; nothing more was changed");
            return 1;
        }
    }

    /**
     * Removes again the folders this run created for its followers, where nothing was put in them: a
     * run refused because the folder had been synchronized before (its disk may not be mounted)
     * leaves no empty folder at the mount point.
     */
    private static void removeIfEmpty(List<Path> createdFolders, PrintWriter out) {
        for (Path folder : createdFolders) {
            try {
                Files.delete(folder);
                out.println("Removed " + folder + " again");
            } catch (IOException e) {
                // not empty, or gone: left as it is
            }
        }
    }

    /** Runs this command line, without {@code --engine}, in the engine of this installation. */
    private int inEngine(PrintWriter out, PrintWriter err) {
        if (host.inEngine()) {
            err.println("syncline sync: --engine: this command is running in the engine already");
            return 2;
        }
        // The whole command line's arguments: this command's follow its name when it is a subcommand
        // (the root has no options that take a value, so the first such word is that name).
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        return EngineClient.runInInstalledEngine(all.subList(spec.parent() == null ? 0 : all.indexOf(spec.name()) + 1,
                all.size()), host.workingDirectory(), out, err);
    }

    /**
     * The first of the job's folders that is missing, unless it is a master rule's follower that the
     * run creates in an existing parent (or, previewing, shows as empty).
     */
    private Optional<Path> missingFolder(SyncJob job) {
        for (int i = 0; i < job.paths().size(); i++) {
            Path path = Path.of(job.paths().get(i));
            boolean follower = i > 0 && job.rule().hasMaster();
            boolean created = follower && (preview || path.getParent() != null && Files.isDirectory(path.getParent()));
            if (!Files.isDirectory(path) && !(created && !Files.exists(path))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Stops a run whose claim on its job was lost: another run may have started meanwhile. */
    private static void lost(PrintWriter err, SyncJob job, Cancellation cancellation) {
        err.println("syncline sync: the claim on job " + job.id() + " was lost (the database could not be reached, or"
                + " another run took the job over); stopping this run");
        err.flush();
        cancellation.cancel();
    }

    /**
     * Tells why the run does not start and returns {@code code}. When the job is saved in the
     * database (and this is no preview), the refused run is recorded in its history too, cancelled
     * with that reason and a failed GUARD entry in its file log: a run that a schedule or another
     * program started and that could not start shows there, not only on this command's output.
     */
    private int refused(PrintWriter err, Optional<JobStorageProvider> provider, JobCatalog catalog, SyncJob job,
                        String reason, int code) {
        err.println("syncline sync: " + reason);
        if (preview || catalog == null && provider.isEmpty()) {
            return code;
        }
        try {
            JobCatalog jobs = catalog != null ? catalog : open(provider.get());
            if (jobs.find(job.id()).isPresent()) {
                recordRefusal(jobs, job, reason);
            }
        } catch (IOException | RuntimeException e) {
            err.println("syncline sync: the refused run could not be recorded in the job's history: " + e.getMessage());
        }
        err.flush();
        return code;
    }

    /** Records a run of {@code job} that was refused before it started. */
    private static void recordRefusal(JobCatalog jobs, SyncJob job, String reason) throws IOException {
        List<String> replicaIds = new ArrayList<>();
        for (String path : job.paths()) {
            Path folder = Path.of(path);
            try {
                replicaIds.add(LocalReplica.idOf(folder));
            } catch (IOException e) {
                // The folder above a missing one is missing too (a mount point gone with its disk).
                replicaIds.add(folder.toAbsolutePath().normalize().toUri() + "/");
            }
        }
        try (JobStorage storage = jobs.open(job, replicaIds)) {
            RunLog log = storage.runLog();
            Instant now = Instant.now();
            long runId = log.runStarted(job.id(), now, false);
            log.fileAction(runId, new FileAction(now, FileAction.GUARD, "", "", Outcome.FAILED, 0, reason));
            log.runFinished(runId, new RunSummary(now, now, 0, 0, 0, 0, 0, 0, 0, 0, true, reason));
        }
    }

    /** Reports a database that cannot be used or a job that cannot run as asked, before anything changed: exit code 2. */
    private static int nothingChanged(PrintWriter err, Exception e) {
        err.println("syncline sync: " + e.getMessage() + (e instanceof InvalidJobException ? " Nothing was changed." : "; nothing was changed"));
        return 2;
    }

    /** The job saved under --job, or {@code null} for a new one; its folders must be the ones given, if any. */
    private SyncJob saved(JobCatalog catalog) throws StorageUnavailableException {
        Optional<SyncJob> saved = catalog.find(jobName);
        if (saved.isEmpty() && paths.isEmpty()) {
            throw new InvalidJobException("There is no job named '" + jobName + "' in the database (" + catalog.description() + ")"
                    + ": check the name, or give the job's folders to create it.");
        }
        if (saved.isPresent() && !paths.isEmpty() && !absolutePaths().equals(saved.get().paths())) {
            throw InvalidJobException.otherPaths(jobName, saved.get().paths(), absolutePaths());
        }
        return saved.orElse(null);
    }

    /** The job to run: the saved one changed by the options given, or a new one from the command line. */
    private SyncJob job(SyncJob saved) {
        List<String> folders = saved != null ? saved.paths() : absolutePaths();
        String name = jobName != null ? jobName : "cli-" + settings.rule.name().toLowerCase() + "-"
                + ContentHash.of(String.join("\n", folders).getBytes(StandardCharsets.UTF_8));
        SyncJob job = settings.apply(name, folders, saved, spec.commandLine().getParseResult());
        return new SyncJob(job.id(), job.paths(), job.rule(), job.filter(), job.options().withParallelCopies(parallel));
    }

    private List<String> absolutePaths() {
        return paths.stream().map(p -> host.workingDirectory().resolve(p).normalize().toString()).toList();
    }

    private JobStorageProvider.Choice choice() {
        return database.choice(host.workingDirectory());
    }

    /** Opens the chosen database's jobs, closed when the command ends. */
    private JobCatalog open(JobStorageProvider provider) throws StorageUnavailableException {
        JobCatalog catalog = provider.open(choice());
        opened.add(catalog);
        return catalog;
    }

    /** The job's storage in the database (saving the job unless previewing), or the interim files. */
    private JobStorage openStorage(JobCatalog jobs, SyncJob job, List<Replica> replicas, Path state, RunLock lock)
            throws IOException {
        if (jobs != null) {
            List<String> replicaIds = replicas.stream().map(Replica::id).toList();
            return preview ? jobs.open(job, replicaIds) : jobs.save(job, replicaIds, lock);
        }
        if (database.chosen()) {
            throw new StorageUnavailableException("this installation has no database support (syncline-store is not on the class path)", null);
        }
        SyncStateStore files = new FileSyncStateStore(state);
        RunLog log = new FileRunLog(state);
        return new JobStorage() {
            @Override
            public SyncStateStore stateStore() {
                return files;
            }

            @Override
            public RunLog runLog() {
                return log;
            }

            @Override
            public String description() {
                return "interim files in " + state.resolve(".syncline");
            }

            @Override
            public void close() {
            }
        };
    }

    /** Runs the command alone: {@code java -cp ... org.syncline.sync.cli.SyncCommand PATH PATH ...}. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/syncline/sync/cli/logback-cli.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with case-insensitive rule and policy names, ready to execute or register as a subcommand. */
    public static CommandLine commandLine() {
        return commandLine(Host.local());
    }

    /** The command line to run once where {@code host} says (its cancellation belongs to that one run). */
    public static CommandLine commandLine(Host host) {
        return new CommandLine(new SyncCommand(host)).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
