package org.syncline.sync.state;

import java.time.Instant;
import java.util.List;

/**
 * One run as its job's history keeps it (see {@link JobCatalog#runs}), without its file log.
 *
 * @param id       the run's number, by which it is shown ({@link JobCatalog#run})
 * @param job      the name of its job
 * @param rule     its job's rule, e.g. {@code MIRROR}
 * @param folders  its job's folders as the user gave them, in order
 * @param origin   what started it, in the user's words: {@code manual} (the command line, the
 *                 workbench or the engine's API), {@code schedule} or {@code monitor}
 * @param started  when it started
 * @param finished when it ended, or {@code null} while it runs or when it was cut off
 * @param status   how it ended, or that it has not
 * @param runningOn while it runs, the process running it ({@code host (process N)}); else empty
 * @param preview  whether it only planned (changed nothing)
 * @param moved    files renamed on a path instead of copied again ({@link RunSummary#moved()})
 * @param message  its totals and, when it ended early, why; may be empty
 *
 * <p>The counts of a run that has not finished ({@code finished} is {@code null}) are what its file
 * log holds so far; the log is written in batches, so a run cut off may have done a little more.
 */
public record RunRecord(long id, String job, String rule, List<String> folders, String origin, Instant started, Instant finished, Status status, String runningOn,
                        boolean preview, long copied, long deleted, long archived, long moved, long conflicts, long errors,
                        long bytes, String message) {

    /** How a run ended. */
    public enum Status {
        /** Still going on: its job is claimed by a live process. */
        RUNNING("running"),
        /**
         * Never finished: the process running it ended (killed, power lost) or lost the database
         * first. What it had finished is kept; the next run of its job completes the rest.
         */
        INTERRUPTED("interrupted"),
        SUCCEEDED("succeeded"),
        COMPLETED_WITH_ERRORS("with errors"),
        FAILED("failed"),
        CANCELLED("cancelled");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        /** The status as the history shows it, e.g. {@code with errors}. */
        public String words() {
            return words;
        }
    }
}
