package org.syncline.sync.cli;

import org.syncline.sync.SyncRun;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.state.RunSummary;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Prints plans and run totals for people, in the manner of {@code rsync --stats}. */
final class Summary {

    private Summary() {
    }

    /** The first line of a preview. */
    static void printPreviewHeader(PrintWriter out, String jobId) {
        out.println("Preview of job " + jobId + " (nothing is changed):");
    }

    /** One planned action of a preview, as it is planned. */
    static void printPlanned(PrintWriter out, List<String> replicaNames, Action action) {
        String where = action.target() >= 0 ? replicaNames.get(action.target()) : "all paths";
        String from = action.source() >= 0 && action.type() == ActionType.COPY
                ? replicaNames.get(action.source()) + " -> " : "";
        out.printf("  %-14s %s  [%s%s]%s%n", action.type(), action.path(), from, where,
                action.reason().isEmpty() ? "" : " " + action.reason());
    }

    /** The totals of a preview, after its actions. */
    /** @param refusal why a run now would change nothing (see {@code Executor.refusal}), or {@code null} */
    static void printPreviewTotals(PrintWriter out, Plan plan, String refusal) {
        Map<ActionType, Integer> counts = plan.counts();
        out.println();
        out.println("Number of entries scanned: " + plan.scanned());
        for (Map.Entry<ActionType, Integer> count : counts.entrySet()) {
            if (count.getValue() > 0) {
                out.println("Planned " + count.getKey().name().toLowerCase().replace('_', ' ') + ": " + count.getValue());
            }
        }
        out.println("Bytes to copy: " + plan.bytesToCopy());
        if (plan.likelyMoves() > 0) {
            out.println("Files likely moved or renamed: " + plan.likelyMoves() + " (each copy and deletion pair is a"
                    + " rename if both files hold the same bytes; the bytes are not copied again)");
        }
        if (refusal != null) {
            out.println("A run now would be cancelled before changing anything: " + refusal);
        }
        out.flush();
    }

    static void printStats(PrintWriter out, RunSummary summary, SyncRun.Timings timings, List<Replica> replicas) {
        double seconds = Math.max(0.001, summary.elapsed().toMillis() / 1000.0);
        out.println("Number of entries scanned: " + summary.scanned());
        out.println("Number of files copied: " + summary.copied());
        out.println("Number of entries deleted: " + summary.deleted());
        out.println("Number of files archived: " + summary.archived());
        out.println("Number of files moved: " + summary.moved());
        out.println("Number of conflicts: " + summary.conflicts());
        out.println("Number of entries skipped: " + summary.skipped());
        out.println("Number of errors: " + summary.errors());
        out.println("Total bytes copied: " + summary.bytes());
        out.printf("Elapsed: %.3f s (%.1f MB/s)%n", seconds, summary.bytes() / seconds / 1e6);
        out.printf("Time: scan and plan %.3f s, execute %.3f s, save state %.3f s%n", seconds(timings.plan()),
                seconds(timings.execute()), seconds(timings.saveState()));
        for (Replica replica : replicas) {
            if (replica instanceof LocalReplica local) {
                local.journalTally().ifPresent(tally -> out.printf(
                        "Folders of %s: %d listed, %d with changed names read, %d unchanged (change journal%s)%n",
                        replica, tally.listed(), tally.refreshed(), tally.remembered(),
                        tally.gap().map(why -> "; every folder listed again: " + why).orElse("")));
            }
        }
        if (summary.cancelled()) {
            out.println("Run cancelled: " + summary.message());
        }
        out.println(summary.cancelled() ? "Result: cancelled"
                : summary.succeeded() ? "Result: completed" : "Result: completed with errors");
        out.flush();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
