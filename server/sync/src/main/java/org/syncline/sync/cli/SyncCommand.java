package org.syncline.sync.cli;

import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.scan.InvalidFilterException;
import org.syncline.sync.state.FileRunLog;
import org.syncline.sync.state.FileSyncStateStore;
import org.syncline.sync.state.JobStorage;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.StorageUnavailableException;
import org.syncline.sync.state.SyncStateStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code syncline sync <pathA> <pathB> [more] [--rule ...] [--preview] [--filter ...]}: runs one job
 * on local paths without an engine and prints a summary like {@code rsync --stats}. Exit code 0 when
 * everything succeeded, 1 when any file failed or the run was cancelled, 2 for bad input.
 *
 * <p>State and run history go to the database: {@code --db URL}, {@code --db-profile FILE}, or
 * else the installation's configured one (by default the embedded H2 file), through the
 * {@link JobStorageProvider} on the class path. {@code --state-dir} keeps them in the interim
 * files instead (also used when no provider is present), in a {@code .syncline} folder. A
 * database that cannot be opened exits with code 2 and changes nothing.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Synchronizes two or more folders by a rule and prints a summary.")
public final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders; the first is the master for master rules.")
    List<Path> paths;

    @Option(names = "--rule", defaultValue = "MIRROR", description = "One of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Rule rule;

    @Option(names = "--preview", description = "Show what would be done; change nothing.")
    boolean preview;

    @Option(names = "--filter", defaultValue = "", description = "File masks, e.g. \"*.* | -*.tmp | -~*.doc\".")
    String fileMasks;

    @Option(names = "--folders", defaultValue = "", description = "Subfolder masks, e.g. \"\\Reports\\ | -\\Temp\\\".")
    String folderMasks;

    @Option(names = "--ignore-case", description = "Masks ignore upper/lower case.")
    boolean ignoreCase;

    @Option(names = "--modified-after", description = "Only files modified on or after this date (yyyy-MM-dd).")
    LocalDate modifiedAfter;

    @Option(names = "--modified-before", description = "Only files modified before this date (yyyy-MM-dd).")
    LocalDate modifiedBefore;

    @Option(names = "--min-size", defaultValue = "0", description = "Only files of at least this many bytes.")
    long minSize;

    @Option(names = "--max-size", defaultValue = "" + Long.MAX_VALUE, description = "Only files of at most this many bytes.")
    long maxSize;

    @Option(names = "--conflict", defaultValue = "NEWEST_WINS", description = "Conflict policy: ${COMPLETION-CANDIDATES}.")
    ConflictPolicy conflictPolicy;

    @Option(names = "--deletes", defaultValue = "PROPAGATE", description = "Deletions: ${COMPLETION-CANDIDATES}.")
    DeleteHandling deleteHandling;

    @Option(names = "--archive-replaced", description = "Keep overwritten files in .syncline-archive.")
    boolean archiveReplaced;

    @Option(names = "--keep-versions", defaultValue = "0", description = "Archived versions kept per file (0: all).")
    int keepVersions;

    @Option(names = "--keep-days", defaultValue = "0", description = "Days archived versions are kept (0: forever).")
    int keepDays;

    @Option(names = "--warn-deletes", defaultValue = "0", description = "Warn when a run deletes at least N entries.")
    int warnDeletes;

    @Option(names = "--max-deletes", defaultValue = "0", description = "Cancel before deleting anything when a run would delete at least N entries.")
    int maxDeletes;

    @Option(names = "--retries", defaultValue = "2", description = "Retries per file (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay-ms", defaultValue = "500", description = "Milliseconds between retries.")
    long retryDelayMillis;

    @Option(names = "--older-than-days", description = "For --rule DELETE: only files older than this many days.")
    Integer olderThanDays;

    @Option(names = "--no-perms", description = "Do not copy POSIX permissions.")
    boolean noPermissions;

    @Option(names = "--checksum", description = "Also compare files by content hash (reads every file).")
    boolean checksum;

    @Option(names = "--parallel", defaultValue = "8", description = "Files copied at the same time (I/O-bound: more than the cores).")
    int parallel;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the database keeping state and run history (default: database.url of conf/syncline.properties, else the embedded H2 file under $SYNCLINE_HOME/data).")
    String databaseUrl;

    @Option(names = "--db-profile", paramLabel = "FILE", description = "Database profile file with database.url, database.user and database.password.")
    Path databaseProfile;

    @Option(names = "--state-dir", description = "Keep state and run log in interim files in this folder instead of the database.")
    Path stateDir;

    @Option(names = "--job", description = "Job name under which state is kept (default: derived from rule and paths).")
    String jobName;

    @Option(names = {"-v", "--verbose"}, description = "Print every action.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SyncJob job;
        try {
            job = job();
        } catch (IllegalArgumentException e) {
            err.println("syncline sync: " + e.getMessage());
            return 2;
        }
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path path = paths.get(i).toAbsolutePath().normalize();
            if (!Files.isDirectory(path) && i > 0 && rule.hasMaster() && !preview
                    && path.getParent() != null && Files.isDirectory(path.getParent())) {
                Files.createDirectory(path);
                out.println("Created " + path);
            }
            if (!Files.isDirectory(path) && i > 0 && rule.hasMaster() && preview) {
                replicas.add(new MemoryReplica(path.toString()));
                out.println(path + " does not exist yet; it would be created");
                continue;
            }
            if (!Files.isDirectory(path)) {
                err.println("syncline sync: " + path + " does not exist or is not a folder; nothing was changed");
                return 2;
            }
            replicas.add(LocalReplica.open(path));
        }
        if (stateDir != null && (databaseUrl != null || databaseProfile != null)) {
            err.println("syncline sync: --state-dir cannot be combined with --db or --db-profile");
            return 2;
        }
        Path state = stateDir != null ? stateDir : Path.of(System.getProperty("user.home"));
        Files.createDirectories(state.resolve(".syncline"));
        Path lockFile = state.resolve(".syncline").resolve(job.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                err.println("syncline sync: job " + job.id() + " is already running; try again when it has finished");
                return 1;
            }
            JobStorage storage;
            try {
                storage = openStorage(job, replicas, state);
            } catch (StorageUnavailableException e) {
                err.println("syncline sync: " + e.getMessage() + "; nothing was changed");
                return 2;
            }
            try (storage) {
                ConsoleRunLog runLog = new ConsoleRunLog(storage.runLog(), err, verbose);
                SyncRun run = new SyncRun(storage.stateStore(), runLog, Clock.systemDefaultZone());
                if (preview) {
                    List<String> names = replicas.stream().map(Replica::toString).toList();
                    // A plan may list millions of actions: buffered, not flushed line by line.
                    PrintWriter listing = new PrintWriter(new BufferedWriter(out, 1 << 16));
                    Summary.printPreviewHeader(listing, job.id());
                    SyncRun.Result result = run.preview(job, replicas,
                            action -> Summary.printPlanned(listing, names, action));
                    Summary.printPreviewTotals(listing, result.plan());
                    return 0;
                }
                SyncRun.Result result = run.run(job, replicas, new Cancellation(), ProgressListener.NONE);
                Summary.printStats(out, result.summary());
                return result.summary().succeeded() ? 0 : 1;
            }
        } catch (IOException e) {
            err.println("syncline sync: " + e.getMessage() + "; nothing more was changed");
            return 1;
        }
    }

    /** The database through the provider, or the interim files with --state-dir or without a provider. */
    private JobStorage openStorage(SyncJob job, List<Replica> replicas, Path state) throws IOException {
        Optional<JobStorageProvider> provider = stateDir != null ? Optional.empty()
                : ServiceLoader.load(JobStorageProvider.class).findFirst();
        if (provider.isPresent()) {
            return provider.get().open(job, replicas.stream().map(Replica::id).toList(),
                    new JobStorageProvider.Choice(databaseUrl, databaseProfile));
        }
        if (databaseUrl != null || databaseProfile != null) {
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

    private SyncJob job() {
        Filter filter = Filter.of(fileMasks, folderMasks, ignoreCase).sizeBetween(minSize, maxSize);
        ZoneId zone = ZoneId.systemDefault();
        if (modifiedAfter != null) {
            filter = filter.modifiedAfter(modifiedAfter.atStartOfDay(zone).toInstant());
        }
        if (modifiedBefore != null) {
            filter = filter.modifiedBefore(modifiedBefore.atStartOfDay(zone).toInstant());
        }
        if (keepVersions < 0 || keepDays < 0 || retries < 0 || retryDelayMillis < 0) {
            throw new InvalidFilterException("counts and delays must not be negative");
        }
        SyncOptions options = SyncOptions.defaults()
                .withConflictPolicy(conflictPolicy)
                .withDeleteHandling(deleteHandling)
                .withArchiveReplaced(archiveReplaced, new Retention(keepVersions, keepDays))
                .withMassDeleteGuard(new MassDeleteGuard(warnDeletes, maxDeletes))
                .withRetryPolicy(new RetryPolicy(retries, Duration.ofMillis(retryDelayMillis)))
                .withCopyPermissions(!noPermissions)
                .withChecksum(checksum)
                .withParallelCopies(parallel)
                .withDeleteOlderThan(olderThanDays == null ? null : Duration.ofDays(olderThanDays));
        List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        String id = jobName != null ? jobName : "cli-" + rule.name().toLowerCase() + "-"
                + ContentHash.of(String.join("\n", absolute).getBytes(StandardCharsets.UTF_8));
        return new SyncJob(id, absolute, rule, filter, options);
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
        return new CommandLine(new SyncCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
