package org.syncline.sync.cli;

import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.RunRecord;
import org.syncline.sync.state.StorageUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code syncline runs}: the run history the database keeps, without the workbench. Lists the
 * latest runs of every job or of one; given a run's number (or {@code last}), shows that run and
 * its file log, or only what went wrong ({@code --problems}). A run whose process ended before it
 * finished shows as interrupted. Times are this machine's local time.
 *
 * <p>Exit codes: 0 shown; 1 no such run or job, or the database cannot be used; 2 bad usage.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the latest runs of every job, or of one, from the database's run history.",
            "With RUN, shows that run and its file log."})
public final class RunsCommand implements Callable<Integer> {

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "A run's number (the RUN column of the list), or 'last' "
            + "for the newest run (of --job's job, if given): shows the run and its file log.")
    String run;

    @Option(names = "--job", paramLabel = "NAME", description = "Only the runs of this job.")
    String jobName;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--problems", description = "With RUN: show only failures, conflicts, warnings and entries left alone.")
    boolean problems;

    @Mixin
    DatabaseOptions database;

    private final SyncCommand.Host host;
    private final ZoneId zone;

    private RunsCommand(SyncCommand.Host host, ZoneId zone) {
        this.host = host;
        this.zone = zone;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1 || limit > 100_000) {
            err.println("syncline runs: --limit must be from 1 to 100000, but is " + limit);
            return 2;
        }
        if (problems && run == null) {
            err.println("syncline runs: --problems shows the problems of one run; give the run's number or 'last'");
            return 2;
        }
        long runId = 0;
        if (run != null && !run.equals("last")) {
            try {
                runId = Long.parseLong(run);
            } catch (NumberFormatException e) {
                runId = -1;
            }
            if (runId <= 0) {
                err.println("syncline runs: '" + run + "' is not a run; give a run's number (the RUN column of 'syncline runs') or 'last'");
                return 2;
            }
        }
        Optional<JobStorageProvider> provider = host.storage().get();
        if (provider.isEmpty()) {
            err.println("syncline runs: this installation has no database support (syncline-store is not on the class path);"
                    + " runs kept with --state-dir are in <state-dir>/.syncline/<job>.runs.log");
            return 1;
        }
        try (JobCatalog catalog = provider.get().open(database.choice(host.workingDirectory()))) {
            return run == null ? list(catalog, out, err) : show(catalog, runId, out, err);
        } catch (StorageUnavailableException e) {
            err.println("syncline runs: " + e.getMessage());
            return 1;
        }
    }

    /** The list: a line per run, newest first. */
    private int list(JobCatalog catalog, PrintWriter out, PrintWriter err) throws StorageUnavailableException {
        Optional<List<RunRecord>> runs = catalog.runs(jobName, limit);
        if (runs.isEmpty()) {
            return noSuchJob(catalog, err);
        }
        if (runs.get().isEmpty()) {
            out.println(jobName == null ? "No run is recorded in " + catalog.description() + " yet."
                    : "Job '" + jobName + "' has not run yet.");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "STARTED", "TOOK", "RESULT", "COPIED", "MOVED", "DELETED", "CONFLICTS", "ERRORS", "DATA", "JOB", "FOLDERS"});
        Instant now = Instant.now();
        for (RunRecord record : runs.get()) {
            rows.add(new String[] {Long.toString(record.id()), dayAndTime(record.started()), took(record, now), result(record),
                Long.toString(record.copied()), Long.toString(record.moved()), Long.toString(record.deleted()),
                Long.toString(record.conflicts()),
                Long.toString(record.errors()), data(record.bytes()), record.job(), String.join(" ", record.folders())});
        }
        printTable(out, rows, true, false, true, false, true, true, true, true, true, true, false, false);
        return 0;
    }

    /** One run: what it did, then its file log (or its problems). */
    private int show(JobCatalog catalog, long runId, PrintWriter out, PrintWriter err) throws StorageUnavailableException {
        Optional<RunRecord> found;
        if (runId == 0) {
            Optional<List<RunRecord>> latest = catalog.runs(jobName, 1);
            if (latest.isEmpty()) {
                return noSuchJob(catalog, err);
            }
            found = latest.get().stream().findFirst();
            if (found.isEmpty()) {
                err.println("syncline runs: " + (jobName == null ? "no run is recorded in " + catalog.description() + " yet"
                        : "job '" + jobName + "' has not run yet"));
                return 1;
            }
        } else {
            found = catalog.run(runId);
            if (found.isEmpty()) {
                err.println("syncline runs: there is no run " + runId + " in " + catalog.description()
                        + " (it may have been deleted with its job); 'syncline runs' lists the runs there are");
                return 1;
            }
        }
        RunRecord record = found.get();
        // A file log may have millions of lines: buffered, not flushed line by line.
        PrintWriter listing = new PrintWriter(new BufferedWriter(out, 1 << 16));
        listing.println("Run " + record.id() + " of job '" + record.job() + "': " + result(record));
        listing.println("  Rule:     " + record.rule() + " of " + String.join(", ", record.folders()));
        listing.println("  Started:  " + dayAndTime(record.started()) + " " + startedBy(record.origin()));
        Instant now = Instant.now();
        switch (record.status()) {
            case RUNNING -> listing.println("  Running for " + took(record, now) + " on " + record.runningOn());
            case INTERRUPTED -> listing.println("  Finished: never: the process running it ended first; what it had done"
                    + " is kept, and the job's next run completes the rest");
            default -> listing.println("  Finished: " + dayAndTime(record.finished()) + ", took " + took(record, now));
        }
        listing.println((switch (record.status()) {
            case RUNNING -> "  So far: copied ";
            case INTERRUPTED -> "  As far as its log goes: copied ";
            default -> "  Copied ";
        }) + record.copied() + ", moved " + record.moved() + ", deleted " + record.deleted() + ", archived " + record.archived()
                + ", conflicts " + record.conflicts() + ", errors " + record.errors() + "; " + data(record.bytes())
                + " transferred");
        if (!record.message().isEmpty()) {
            listing.println("  " + record.message());
        }
        listing.println(problems ? "Problems:" : "File log:");
        long[] shown = {0};
        catalog.fileLog(record.id(), problems, action -> {
            shown[0]++;
            listing.println((action.time() == null ? "--:--:--" : TIME.format(action.time().atZone(zone))) + " "
                    + ConsoleRunLog.describe(action));
        });
        if (shown[0] == 0) {
            listing.println(problems ? "  none" : "  nothing was logged");
        }
        listing.flush();
        return 0;
    }

    private int noSuchJob(JobCatalog catalog, PrintWriter err) {
        err.println("syncline runs: no job is named '" + jobName + "' in " + catalog.description()
                + "; 'syncline runs' lists the runs of every job with their jobs' names");
        return 1;
    }

    private static String startedBy(String origin) {
        return switch (origin) {
            case "schedule" -> "by its schedule";
            case "monitor" -> "by its real-time monitor";
            default -> "by hand";
        };
    }

    private String result(RunRecord record) {
        return record.preview() && record.status() == RunRecord.Status.SUCCEEDED ? "preview" : record.status().words();
    }

    private String dayAndTime(Instant instant) {
        return instant == null ? "-" : DAY_AND_TIME.format(instant.atZone(zone));
    }

    /** How long it took, or has been running (seconds under a minute, else h:mm:ss); unknown for a run cut off. */
    private static String took(RunRecord record, Instant now) {
        Instant end = record.status() == RunRecord.Status.RUNNING ? now : record.finished();
        if (record.started() == null || end == null) {
            return "-";
        }
        long millis = Math.max(0, Duration.between(record.started(), end).toMillis());
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : ConsoleProgress.clock(millis / 1000);
    }

    /** Bytes in decimal units, as the summary of a sync counts them: 0 B, 950 B, 12.3 kB, 1.6 GB. */
    static String data(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Columns as wide as their widest cell, right-aligned where {@code right} says (numbers); the last column not padded. */
    static void printTable(PrintWriter out, List<String[]> rows, boolean... right) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String cell = row[i];
                if (i == columns - 1) {
                    line.append(cell);
                } else if (right[i]) {
                    line.append(" ".repeat(width[i] - cell.length())).append(cell);
                } else {
                    line.append(cell).append(" ".repeat(width[i] - cell.length()));
                }
            }
            out.println(line);
        }
        out.flush();
    }

    /** The command for this process: the database provider on the class path, local time. */
    public static CommandLine commandLine() {
        return commandLine(SyncCommand.Host.local(), ZoneId.systemDefault());
    }

    /** The command reading the database {@code host} provides, showing times in {@code zone}. */
    public static CommandLine commandLine(SyncCommand.Host host, ZoneId zone) {
        return new CommandLine(new RunsCommand(host, zone));
    }
}
