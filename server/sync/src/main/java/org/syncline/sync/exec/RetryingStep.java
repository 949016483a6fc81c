package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.state.Outcome;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one action with the job's retries and logs how it ended. Never throws: a failure is this
 * file's failure, and the paths it concerns are added to {@code unsettled} so that their
 * synchronized state is not advanced. Thread-safe.
 */
final class RetryingStep {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingStep.class);

    private final RetryPolicy retryPolicy;
    private final Cancellation cancellation;
    private final ExecutionTally tally;
    private final Set<String> unsettled;
    private final List<? extends Replica> replicas;
    private final ActionRunner runner;
    private final Retention retention;
    private final Instant runStart;
    private final Archiver archiver;
    private final TargetSpace space;
    private final UnusablePaths unusable;

    RetryingStep(RetryPolicy retryPolicy, Cancellation cancellation, ExecutionTally tally, Set<String> unsettled,
                 List<? extends Replica> replicas, ActionRunner runner, Archiver archiver, Retention retention,
                 Instant runStart) {
        this.retryPolicy = retryPolicy;
        this.cancellation = cancellation;
        this.tally = tally;
        this.unsettled = unsettled;
        this.replicas = replicas;
        this.runner = runner;
        this.retention = retention;
        this.runStart = runStart;
        this.archiver = archiver;
        this.space = new TargetSpace(replicas);
        this.unusable = new UnusablePaths(replicas);
    }

    /** Runs the action with retries, then logs it as done or failed. */
    void run(Action action) {
        if (action.type() == ActionType.COPY ? refused(action) : refusedAsUnusable(action)) {
            return;
        }
        AtomicLong transferred = new AtomicLong();
        String message = attempt(action, transferred, () -> perform(action, transferred));
        if (message != null) {
            tally.finished(action, Outcome.DONE, transferred.get(), message);
        }
    }

    /**
     * Runs, with retries, an action that completes one already logged (the permissions and time of
     * a folder the run created): the run log hears of it only when it fails.
     */
    void runQuietly(Action action) {
        attempt(action, new AtomicLong(), () -> perform(action, new AtomicLong()));
    }

    /**
     * Tries once to carry out {@code copy} by renaming the file that {@code removal} takes away from
     * the same path ({@link ActionRunner#move}); when it does, both are logged as one move and the
     * moved file is given the source's attributes (with retries; only a failure is logged). When it
     * does not (other bytes, a check or the rename failed, a path known unusable, the run cancelled)
     * nothing was changed and both actions are left to run as planned.
     *
     * @return whether both actions are done
     */
    boolean move(Action copy, Action removal) {
        if (cancellation.isCancelled() || unusable.refusal(copy) != null) {
            return false;
        }
        try {
            if (!runner.move(copy, removal)) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("{} on {} is copied: the file removed from {} could not be renamed to it ({})", copy.path(),
                    targetName(copy), removal.path(), describe(e));
            return false;
        }
        tally.moved(copy, removal);
        attempt(copy, new AtomicLong(), () -> {
            runner.giveMovedAttributes(copy);
            return "";
        });
        return true;
    }

    /**
     * Stages a copy with retries ({@link ActionRunner#stage}). A failure is logged and settled here
     * and gives {@code null}; a success is not logged yet: {@link #committed} or {@link #failed}
     * finishes it.
     *
     * @param transferred receives the bytes read for the staged content
     */
    StagedWrite stage(Action action, AtomicLong transferred) {
        if (refused(action)) {
            return null;
        }
        return attempt(action, transferred, () -> runner.stage(action, count -> {
            transferred.addAndGet(count);
            tally.copiedBytes(action.path(), count);
        }));
    }

    /** Fails a copy at once, without writing, when one of its paths is known to be unusable, or its target too full for it. */
    private boolean refused(Action copy) {
        return refusedAsUnusable(copy) || refuse(copy, space.refusal(copy));
    }

    /** Fails an action at once when one of its paths was found gone or read-only in this run. */
    private boolean refusedAsUnusable(Action action) {
        return refuse(action, unusable.refusal(action));
    }

    /** Fails an action at once for the {@code refusal} given, if any. */
    private boolean refuse(Action action, String refusal) {
        if (refusal == null) {
            return false;
        }
        settleAsFailed(action);
        tally.finished(action, Outcome.FAILED, 0, refusal);
        return true;
    }

    /** Logs a staged copy that was committed: {@code bytes} reached its path. */
    void committed(Action action, long bytes) {
        String message = "";
        if (action.archiveReplaced()) {
            try {
                archiver.prune(replicas.get(action.target()), action.path(), retention, runStart);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Pruning the archive of {} failed: {}", action.path(), describe(e));
            }
            message = "replaced version archived";
        }
        tally.finished(action, Outcome.DONE, bytes, message);
    }

    /**
     * When the run was cancelled, settles a staged copy as not done (its path keeps its previous
     * state, nothing is logged for it, as for actions not started) and returns {@code true}.
     */
    boolean abandonIfCancelled(Action action, long transferredBytes) {
        if (!cancellation.isCancelled()) {
            return false;
        }
        tally.uncount(transferredBytes);
        settleAsFailed(action);
        return true;
    }

    /** Logs a staged copy that could not be forced or committed; its path keeps its previous state. */
    void failed(Action action, long transferredBytes, Exception e) {
        tally.uncount(transferredBytes);
        settleAsFailed(action);
        String message = describe(e);
        tally.finished(action, Outcome.FAILED, 0, message);
        Executor.PROBLEMS.warn("{} {} on {} failed: {}", action.type(), action.path(), targetName(action), message);
    }

    /** One try of an action's body. */
    @FunctionalInterface
    private interface Body<T> {
        T perform() throws IOException;
    }

    /** Tries the body up to {@code 1 + retries} times; gives {@code null} after logging the final failure. */
    private <T> T attempt(Action action, AtomicLong transferred, Body<T> body) {
        if (cancellation.isCancelled()) {
            settleAsFailed(action);
            return null;
        }
        for (int attempt = 0; ; attempt++) {
            transferred.set(0);
            try {
                return body.perform();
            } catch (DirectoryNotEmptyException e) {
                settleAsFailed(action);
                tally.finished(action, Outcome.SKIPPED, 0, "folder not removed: it still holds entries that are "
                        + "kept (filtered, protected or changed)");
                return null;
            } catch (IOException | RuntimeException e) {
                tally.uncount(transferred.get());
                if (e instanceof InterruptedIOException && cancellation.isCancelled()) {
                    // Stopped by the cancellation, not failed: not done, like the actions not started.
                    settleAsFailed(action);
                    return null;
                }
                // A copy that ran out of space is not retried: nothing frees space while the run waits.
                String full = action.type() == ActionType.COPY && e instanceof IOException ? space.outOfSpace(action) : null;
                // Nor is an action on a path that turned out gone or read-only.
                String why = full != null ? full : e instanceof IOException ? unusable.failedOnUnusablePath(action) : null;
                boolean again = attempt < retryPolicy.retries() && !cancellation.isCancelled()
                        && !(e instanceof InterruptedIOException) && why == null;
                String message = why == null ? describe(e) : describe(e) + " (" + why + ")";
                if (again) {
                    LOG.info("{} {} on {} failed (attempt {}): {}; retrying", action.type(), action.path(),
                            targetName(action), attempt + 1, message);
                    if (sleep()) {
                        continue;
                    }
                }
                settleAsFailed(action);
                tally.finished(action, Outcome.FAILED, 0, message);
                Executor.PROBLEMS.warn("{} {} on {} failed: {}", action.type(), action.path(), targetName(action), message);
                return null;
            }
        }
    }

    private String perform(Action action, AtomicLong transferred) throws IOException {
        switch (action.type()) {
            case COPY -> {
                runner.copy(action, count -> {
                    transferred.addAndGet(count);
                    tally.copiedBytes(action.path(), count);
                });
                if (action.archiveReplaced()) {
                    archiver.prune(replicas.get(action.target()), action.path(), retention, runStart);
                    return "replaced version archived";
                }
                return "";
            }
            case DELETE -> runner.delete(action);
            case ARCHIVE -> {
                String archivePath = runner.archive(action);
                archiver.prune(replicas.get(action.target()), action.path(), retention, runStart);
                return "archived as " + archivePath;
            }
            case MKDIR -> runner.mkdir(action);
            case SET_ATTRIBUTES -> runner.setAttributes(action);
            case CONFLICT_COPY -> {
                runner.renameToConflictCopy(action);
                return "kept as " + action.newPath();
            }
            default -> throw new IllegalArgumentException(action.type() + " is not executable");
        }
        return "";
    }

    private void settleAsFailed(Action action) {
        unsettled.add(action.path());
        if (action.newPath() != null) {
            unsettled.add(action.newPath());
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(retryPolicy.delay());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String targetName(Action action) {
        return action.target() >= 0 ? replicas.get(action.target()).toString() : "";
    }

    /** An error in the user's words: what happened to which file. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "not found: " + n.getFile() + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile() + (a.getReason() != null ? " (" + a.getReason() + ")" : "");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
