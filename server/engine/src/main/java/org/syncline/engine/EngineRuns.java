package org.syncline.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.store.DatabaseJobStorageProvider;
import org.syncline.sync.cli.EngineAccess;
import org.syncline.sync.cli.SyncCommand;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.replica.ChangeJournals;
import org.syncline.sync.state.JobStorageProvider;
import picocli.CommandLine;

/**
 * The sync commands the engine runs for callers ({@code syncline sync --engine}), and the access
 * that lets them ask.
 *
 * <p>Start (after the API listens): a fresh access token, written with the API's address to the
 * access file of the settings if there is one. Stop (before the API stops): the access file goes,
 * every run in progress is cancelled and the stop waits up to the stop timeout for them to finish,
 * so their results and state are recorded and their job claims released. Thread-safe.
 */
public final class EngineRuns extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRuns.class);

    private final EngineSettings settings;
    private final EngineDatabase database;
    private final Supplier<Integer> port;
    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
    private volatile EngineAccess access;
    /** What changed in the local folders of runs since they were last listed; open while started. */
    private volatile ChangeJournals journals;

    /**
     * @param database the engine's database, the one runs keep their state and history in;
     *     {@code null} for the provider on the class path, as one-shot commands use
     * @param port the port the API listens on, asked at start
     */
    EngineRuns(EngineSettings settings, EngineDatabase database, Supplier<Integer> port) {
        this.settings = settings;
        this.database = database;
        this.port = port;
    }

    /** Who may run commands now; {@code null} while stopped. */
    public EngineAccess access() {
        return access;
    }

    /** What the change journals of the local folders hold now; {@code null} while stopped. */
    public ChangeJournals.Status journals() {
        ChangeJournals open = journals;
        return open == null ? null : open.status();
    }

    /** How many runs are in progress now. */
    public int inProgress() {
        return running.size();
    }

    @Override
    protected void doStart() throws IOException {
        EngineAccess fresh = EngineAccess.create(EngineAccess.api(settings.bindHost(), port.get()));
        if (settings.accessFile() != null) {
            fresh.write(settings.accessFile());
            LOG.info("Sync commands may run here with --engine: access in {}", settings.accessFile());
        }
        journals = ChangeJournals.open();
        access = fresh;
    }

    @Override
    protected void doStop() throws InterruptedException {
        EngineAccess last = access;
        access = null;
        if (last != null && settings.accessFile() != null) {
            try {
                last.delete(settings.accessFile());
            } catch (IOException e) {
                LOG.warn("Could not delete the access file {}: {}", settings.accessFile(), e.toString());
            }
        }
        if (!running.isEmpty()) {
            LOG.info("Cancelling {} sync run(s) in progress", running.size());
            running.forEach(Cancellation::cancel);
        }
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        synchronized (running) {
            while (!running.isEmpty() && System.nanoTime() < deadline) {
                running.wait(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            }
        }
        if (!running.isEmpty()) {
            LOG.warn("{} sync run(s) did not finish within {} s of being cancelled", running.size(),
                    settings.stopTimeout().toSeconds());
        }
        ChangeJournals open = journals;
        journals = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * Runs one {@code syncline sync} command line as the command would, in {@code workingDirectory},
     * printing to {@code out} and {@code err}.
     *
     * @param cancellation cancels the run, e.g. when its caller went away
     * @return the command's exit code
     */
    public int run(List<String> arguments, Path workingDirectory, PrintWriter out, PrintWriter err,
            Cancellation cancellation) {
        if (!isStarted() || access == null) {
            err.println("syncline sync: the engine is stopping; nothing was changed");
            return 2;
        }
        running.add(cancellation);
        LOG.info("Running for a caller in {}: syncline sync {}", workingDirectory, String.join(" ", arguments));
        try {
            SyncCommand.Host host = new SyncCommand.Host(this::storage, workingDirectory, cancellation, true, journals);
            CommandLine command = SyncCommand.commandLine(host).setCommandName("syncline sync");
            command.setOut(out);
            command.setErr(err);
            command.setExecutionExceptionHandler((e, commandLine, parsed) -> {
                LOG.error("syncline sync {} failed", String.join(" ", arguments), e);
                err.println("syncline sync: the run failed in the engine: " + e + " (details in the engine's log)");
                return 1;
            });
            int exit = command.execute(arguments.toArray(String[]::new));
            LOG.info("syncline sync for a caller in {} ended with exit code {}{}", workingDirectory, exit,
                    cancellation.isCancelled() ? " (cancelled)" : "");
            return exit;
        } finally {
            out.flush();
            err.flush();
            running.remove(cancellation);
            synchronized (running) {
                running.notifyAll();
            }
        }
    }

    private Optional<JobStorageProvider> storage() {
        return database != null ? Optional.of(new DatabaseJobStorageProvider(database.database(), database.runHistoryDays(),
                database.savedStates()))
                : SyncCommand.Host.local().storage().get();
    }
}
