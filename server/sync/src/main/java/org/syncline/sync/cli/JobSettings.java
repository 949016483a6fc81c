package org.syncline.sync.cli;

import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.scan.InvalidFilterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The options of {@code syncline sync} that define a job: its rule, filter and options, as a
 * picocli mixin. A new job takes every one of them, given or not (then its default); a job saved
 * in the database keeps its own settings except those given on this command line.
 */
final class JobSettings {

    @Option(names = "--rule", defaultValue = "MIRROR", description = "One of: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Rule rule;

    @Option(names = "--filter", defaultValue = "", description = "File masks, e.g. \"*.* | -*.tmp | -~*.doc\".")
    String fileMasks;

    @Option(names = "--folders", defaultValue = "", description = "Subfolder masks, e.g. \"\\Reports\\ | -\\Temp\\ | -cache\\\": "
            + "with a leading \\ only at the top, without at any depth.")
    String folderMasks;

    @Option(names = "--ignore-case", negatable = true, description = "Masks ignore upper/lower case.")
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

    @Option(names = "--archive-replaced", negatable = true, description = "Keep overwritten files in .syncline-archive.")
    boolean archiveReplaced;

    @Option(names = "--keep-versions", defaultValue = "0", description = "Archived versions kept per file (0: all).")
    int keepVersions;

    @Option(names = "--keep-days", defaultValue = "0", description = "Days archived versions are kept (0: forever).")
    int keepDays;

    @Option(names = "--warn-deletes", defaultValue = "0", description = "Warn when a run deletes at least N entries (0: never; files likely moved or renamed do not count).")
    int warnDeletes;

    @Option(names = "--max-deletes", defaultValue = "0", description = "Cancel before deleting anything when a run would delete at least N entries (0: never; files likely moved or renamed do not count).")
    int maxDeletes;

    @Option(names = "--retries", defaultValue = "2", description = "Retries per file (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", paramLabel = "SECONDS", defaultValue = "1", description = "Seconds between retries (default ${DEFAULT-VALUE}).")
    int retryDelaySeconds;

    @Option(names = "--older-than-days", description = "For --rule DELETE: only files older than this many days (0: any age).")
    Integer olderThanDays;

    @Option(names = "--no-perms", negatable = true, description = "--no-perms: do not copy POSIX permissions, owners"
            + " and groups; --perms: copy them (the default; owners and groups where the run may give them, i.e. as root).")
    boolean noPermissions;

    @Option(names = "--no-acls", negatable = true, description = "--no-acls: do not copy ACLs and extended attributes (Linux: POSIX "
            + "ACLs and user.* attributes; Windows: owner, ACL and DOS flags), so a file's group permission bits are its ACL mask; "
            + "--acls: copy them (the default).")
    boolean noAcls;

    @Option(names = "--check-acls", negatable = true, description = "Also compare ACLs and extended attributes of files and folders "
            + "that are otherwise equal, and update them (rules with a master; reads them on every scan). By default they are "
            + "copied with every copied file and created folder.")
    boolean checkAcls;

    @Option(names = "--checksum", negatable = true, description = "Also compare files by content hash (reads every file).")
    boolean checksum;

    @Option(names = "--lock-files", negatable = true, description = "Lock files while they are copied: a file another program "
            + "holds locked (it may be writing it) is not copied, and a file in use is not replaced, until a later run or retry.")
    boolean lockFiles;

    /**
     * The job these settings describe.
     *
     * @param saved  the job saved under {@code name}, whose settings are kept where no option
     *               was given; {@code null} for a new job
     * @param parsed the command line, to tell given options from defaults
     * @throws IllegalArgumentException with a message for the user when a setting cannot be used
     */
    SyncJob apply(String name, List<String> paths, SyncJob saved, ParseResult parsed) {
        Given given = new Given(saved, parsed);
        if (keepVersions < 0 || keepDays < 0 || retries < 0 || retryDelaySeconds < 0 || warnDeletes < 0 || maxDeletes < 0
                || (olderThanDays != null && olderThanDays < 0)) {
            throw new InvalidFilterException("counts, days and delays cannot be negative");
        }
        if (keepVersions > 0 && keepDays > 0) {
            throw new InvalidFilterException("archived files are kept either --keep-versions N or --keep-days N, not both");
        }
        boolean copyAcls = given.or(!noAcls, job -> job.options().copyAcls(), "--no-acls");
        boolean compareAcls = given.or(checkAcls, job -> job.options().checkAcls(), "--check-acls");
        if (compareAcls && !copyAcls) {
            throw new IllegalArgumentException("--check-acls cannot be combined with --no-acls");
        }
        boolean ignore = given.or(ignoreCase, job -> job.filter().files().ignoresCase(), "--ignore-case");
        Filter filter = Filter.of(given.or(fileMasks, job -> job.filter().files().toString(), "--filter"),
                        given.or(folderMasks, job -> job.filter().folders().toString(), "--folders"), ignore)
                .sizeBetween(given.or(minSize, job -> job.filter().minSize(), "--min-size"),
                        given.or(maxSize, job -> job.filter().maxSize(), "--max-size"))
                .modifiedAfter(given.or(startOf(modifiedAfter), job -> job.filter().modifiedAfter(), "--modified-after"))
                .modifiedBefore(given.or(startOf(modifiedBefore), job -> job.filter().modifiedBefore(), "--modified-before"));
        SyncOptions options = new SyncOptions(
                given.or(conflictPolicy, job -> job.options().conflictPolicy(), "--conflict"),
                given.or(deleteHandling, job -> job.options().deleteHandling(), "--deletes"),
                given.or(archiveReplaced, job -> job.options().archiveReplaced(), "--archive-replaced"),
                given.or(new Retention(keepVersions, keepDays), job -> job.options().retention(), "--keep-versions", "--keep-days"),
                new MassDeleteGuard(given.or(warnDeletes, job -> job.options().massDeleteGuard().warnAt(), "--warn-deletes"),
                        given.or(maxDeletes, job -> job.options().massDeleteGuard().cancelAt(), "--max-deletes")),
                new RetryPolicy(given.or(retries, job -> job.options().retryPolicy().retries(), "--retries"),
                        given.or(Duration.ofSeconds(retryDelaySeconds), job -> job.options().retryPolicy().delay(), "--retry-delay")),
                given.or(!noPermissions, job -> job.options().copyPermissions(), "--no-perms"),
                copyAcls,
                compareAcls,
                given.or(checksum, job -> job.options().checksum(), "--checksum"),
                given.or(lockFiles, job -> job.options().lockFiles(), "--lock-files"),
                given.or(olderThanDays == null || olderThanDays == 0 ? null : Duration.ofDays(olderThanDays),
                        job -> job.options().deleteOlderThan(), "--older-than-days"),
                SyncOptions.defaults().parallelCopies());
        return new SyncJob(name, paths, given.or(rule, SyncJob::rule, "--rule"), filter, options);
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    /** Chooses between an option's value and the saved job's setting. */
    private record Given(SyncJob saved, ParseResult parsed) {

        /** The option's value when there is no saved job or any of {@code options} was given, else the saved setting. */
        <T> T or(T value, Function<SyncJob, T> savedSetting, String... options) {
            if (saved == null) {
                return value;
            }
            for (String option : options) {
                if (parsed.hasMatchedOption(parsed.commandSpec().findOption(option))) {
                    return value;
                }
            }
            return savedSetting.apply(saved);
        }
    }
}
