package org.syncline.sync.cli;

import org.syncline.sync.plan.ActionType;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunLog;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * A {@link RunLog} decorator that also prints every failure, conflict and warning, and every entry
 * the plan leaves alone for a reason, one line per file, so that the user sees at once what went
 * wrong where. Thread-safe.
 */
final class ConsoleRunLog implements RunLog {

    private final RunLog delegate;
    private final PrintWriter err;
    private final boolean verbose;
    private volatile boolean preview;

    ConsoleRunLog(RunLog delegate, PrintWriter err, boolean verbose) {
        this.delegate = delegate;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public long runStarted(String jobId, Instant start, boolean preview) throws IOException {
        this.preview = preview;
        return delegate.runStarted(jobId, start, preview);
    }

    @Override
    public void fileAction(long runId, FileAction action) throws IOException {
        delegate.fileAction(runId, action);
        boolean problem = action.outcome() == Outcome.FAILED || action.outcome() == Outcome.CONFLICT
                || action.outcome() == Outcome.WARNING;
        // An entry the plan leaves alone for a reason the user must act on (two names one path cannot
        // hold, a file here and a folder there): not synchronized until then. A preview lists its plan itself.
        boolean leftAlone = action.outcome() == Outcome.SKIPPED && ActionType.SKIP.name().equals(action.action()) && !preview;
        if (problem || leftAlone || (verbose && action.outcome() != Outcome.SKIPPED)) {
            synchronized (err) {
                err.println(describe(action));
                err.flush();
            }
        }
    }

    /** One action as the console shows it: outcome, action, path, where, and its message if any. */
    static String describe(FileAction action) {
        return String.format("%-8s %-14s %s%s%s", action.outcome(), action.action(), action.path(),
                action.replica().isEmpty() ? "" : " on " + action.replica(),
                action.message().isEmpty() ? "" : ": " + action.message());
    }

    @Override
    public void runFinished(long runId, RunSummary summary) throws IOException {
        delegate.runFinished(runId, summary);
    }
}
