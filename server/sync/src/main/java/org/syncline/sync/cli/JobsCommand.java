package org.syncline.sync.cli;

import org.syncline.sync.job.JobFolders;
import org.syncline.sync.state.JobCatalog;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.JobStorageProvider;
import org.syncline.sync.state.StorageUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code syncline jobs}: the jobs saved in the database, each with its rule and folders, without
 * the workbench; {@code --delete NAME} deletes one with its run history and synchronized state,
 * never its folders' files. Every {@code syncline sync} of folders saves its job (named after its
 * rule and folders unless {@code --job} names it), so this is how such a job that is no longer
 * used goes, for example one that still claims a folder another job now mirrors into.
 *
 * <p>Exit codes: 0 listed or deleted; 1 no such job, the job is running, or the database cannot
 * be used; 2 bad usage.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the jobs saved in the database with their rules and folders.",
            "With --delete NAME, deletes that job with its run history and synchronized state (not its files)."})
public final class JobsCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--delete", paramLabel = "NAME", description = "Delete this job with its run history and synchronized"
            + " state; the files in its folders stay as they are.")
    String delete;

    @Mixin
    DatabaseOptions database;

    private final SyncCommand.Host host;

    private JobsCommand(SyncCommand.Host host) {
        this.host = host;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (delete != null && delete.isBlank()) {
            err.println("syncline jobs: --delete needs the name of a job ('syncline jobs' lists them)");
            return 2;
        }
        Optional<JobStorageProvider> provider = host.storage().get();
        if (provider.isEmpty()) {
            err.println("syncline jobs: this installation has no database support (syncline-store is not on the class path)");
            return 1;
        }
        try (JobCatalog catalog = provider.get().open(database.choice(host.workingDirectory()))) {
            if (delete == null) {
                return list(catalog, out);
            }
            if (!catalog.delete(delete)) {
                err.println("syncline jobs: no job is named '" + delete + "' in " + catalog.description()
                        + "; 'syncline jobs' lists them. Nothing was deleted.");
                return 1;
            }
        } catch (StorageUnavailableException e) {
            err.println("syncline jobs: " + e.getMessage());
            return 1;
        } catch (JobRunningException e) {
            err.println("syncline jobs: " + e.getMessage() + "; it was not deleted: let the run end, then delete it");
            return 1;
        }
        out.println("Deleted job '" + delete + "' with its run history and synchronized state; the files in its folders"
                + " are as they were.");
        out.flush();
        return 0;
    }

    private static int list(JobCatalog catalog, PrintWriter out) throws StorageUnavailableException {
        List<JobFolders> jobs = catalog.jobs();
        if (jobs.isEmpty()) {
            out.println("No job is saved in " + catalog.description() + " yet.");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"JOB", "RULE", "FOLDERS"});
        for (JobFolders job : jobs) {
            rows.add(new String[] {job.name(), job.rule().name(), String.join(" ", job.folders().stream()
                    .map(folder -> folder == null ? "(not a folder of this computer)" : folder).toList())});
        }
        RunsCommand.printTable(out, rows, false, false, false);
        return 0;
    }

    /** The command for this process: the database provider on the class path. */
    public static CommandLine commandLine() {
        return commandLine(SyncCommand.Host.local());
    }

    /** The command using the database {@code host} provides. */
    public static CommandLine commandLine(SyncCommand.Host host) {
        return new CommandLine(new JobsCommand(host));
    }
}
