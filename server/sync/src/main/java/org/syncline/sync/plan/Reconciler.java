package org.syncline.sync.plan;

import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.BackgroundScan;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.scan.ScanListener;
import org.syncline.sync.scan.Scanner;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.SyncState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the current entries of a job's paths and the last synchronized state into a {@link Plan}.
 * It scans all paths at once, each on its own thread ({@link BackgroundScan}), merging their sorted
 * streams row by row, so memory grows with the
 * number of planned actions and the state, not with a list of every scanned entry.
 *
 * <p>Before a rule sees a row, entries that cannot be synchronized (symbolic links, special files,
 * undecodable names, unreadable folders) protect their row and everything below it on every path:
 * nothing there is copied, deleted or forgotten. After the rule decided, {@link NameChecks} stops
 * names that a path cannot hold.
 *
 * <p>Reconciling changes nothing on the paths. Not thread-safe; one instance per run is fine.
 */
public final class Reconciler {

    private final Clock clock;

    public Reconciler(Clock clock) {
        this.clock = clock;
    }

    /**
     * Plans a job.
     *
     * @param replicas the job's paths, opened, in the job's order
     * @param base     the last synchronized state (empty on the first run)
     * @param listener hears about entries left out while scanning (from the scanning threads, one call at a time);
     *                 the message is prefixed with the path's name
     * @throws java.io.UncheckedIOException if a path cannot be listed at all
     */
    public Plan reconcile(SyncJob job, List<? extends Replica> replicas, SyncState base, ScanListener listener) {
        Instant now = clock.instant();
        List<String> names = replicas.stream().map(Replica::toString).toList();
        Filter filter = job.filter();
        if (job.rule() == Rule.DELETE && job.options().deleteOlderThan() != null) {
            filter = filter.modifiedBefore(now.minus(job.options().deleteOlderThan()));
        }
        boolean compareAcls = job.options().checkAcls() && job.rule().hasMaster();
        List<BackgroundScan<FileEntry>> scanners = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            scanners.add(new BackgroundScan<>(new Scanner(replica, filter, job.options().checksum(),
                    compareAcls, (path, reason) -> skipped(listener, path, replica + ": " + reason)),
                    String.valueOf(i)));
        }
        try {
            return plan(job, replicas, base, scanners, names, now);
        } finally {
            scanners.forEach(BackgroundScan::close);
        }
    }

    /** Scanners report from their own threads; the caller's listener hears them one at a time. */
    private static void skipped(ScanListener listener, String path, String reason) {
        synchronized (listener) {
            listener.skipped(path, reason);
        }
    }

    private Plan plan(SyncJob job, List<? extends Replica> replicas, SyncState base,
                      List<BackgroundScan<FileEntry>> scanners, List<String> names, Instant now) {
        RuleStrategy strategy = strategyFor(job, replicas, base, names, now);
        NameChecks nameChecks = new NameChecks(replicas.stream().map(Replica::capabilities).toList(), names);
        PlanBuilder builder = new PlanBuilder(replicas.stream().map(Replica::id).toList(), base);
        EntryJoiner rows = new EntryJoiner(scanners);
        String protectedFolder = null;
        long scanned = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            for (FileEntry entry : row.entries()) {
                scanned += entry != null ? 1 : 0;
            }
            if (protectedFolder != null && RelativePath.isWithin(row.path(), protectedFolder)) {
                builder.keepBase(row.path());
                continue;
            }
            protectedFolder = null;
            RowPlan plan = new RowPlan(row, builder.baseOf(row.path()), job.options());
            String unsyncable = unsyncable(row, names);
            if (unsyncable != null) {
                plan.skip(ActionType.SKIP, unsyncable);
            } else {
                strategy.decide(plan);
            }
            if (plan.skipped() || nameChecks.check(plan)) {
                protectedFolder = row.path();
            }
            builder.commit(plan);
        }
        return builder.build(job.id(), names, scanned);
    }

    private RuleStrategy strategyFor(SyncJob job, List<? extends Replica> replicas, SyncState base,
                                     List<String> names, Instant now) {
        return switch (job.rule()) {
            case MIRROR, DIFFERING_MASTER_COPY, FORCED_MASTER_COPY -> new MasterCopy(job.rule());
            case RECENT_MASTER_COPY -> new NewestCopy();
            case MULTI_MIRROR, EXCHANGING_COPIES -> new ThreeWay(job.rule(), job.options().conflictPolicy(),
                    base.isEmpty(), names, replicas.stream().map(Replica::machineName).toList(), now,
                    clock.getZone());
            case DELETE -> new Purge();
            case SKIP -> plan -> { };
        };
    }

    private static String unsyncable(Row row, List<String> names) {
        for (int i = 0; i < row.width(); i++) {
            FileEntry entry = row.entry(i);
            if (entry == null || entry.isFile() || entry.isDirectory()) {
                continue;
            }
            String what = switch (entry.type()) {
                case SYMLINK -> "is a symbolic link on " + names.get(i) + "; links are not synchronized";
                case BAD_NAME -> "has a name on " + names.get(i)
                        + " that is not valid UTF-8; rename it to synchronize it";
                default -> "is not a regular file or folder on " + names.get(i)
                        + " (or could not be read); it is not synchronized";
            };
            return what + ", and nothing at this path is changed on any path";
        }
        return null;
    }

    /** Collects committed rows into actions and the expected new state. */
    private static final class PlanBuilder {

        private final List<String> replicaIds;
        private final SyncState base;
        private final SyncState next = new SyncState();
        private final List<Action> actions = new ArrayList<>();

        PlanBuilder(List<String> replicaIds, SyncState base) {
            this.replicaIds = replicaIds;
            this.base = base;
        }

        ReplicaState[] baseOf(String path) {
            ReplicaState[] states = new ReplicaState[replicaIds.size()];
            for (int i = 0; i < states.length; i++) {
                states[i] = base.get(replicaIds.get(i), path);
            }
            return states;
        }

        void keepBase(String path) {
            for (String id : replicaIds) {
                next.put(id, path, base.get(id, path));
            }
        }

        void commit(RowPlan plan) {
            actions.addAll(plan.actions());
            if (plan.skipped()) {
                keepBase(plan.path());
                return;
            }
            for (int i = 0; i < replicaIds.size(); i++) {
                FileEntry after = plan.after(i);
                next.put(replicaIds.get(i), plan.path(), after == null ? null : ReplicaState.of(after));
            }
            plan.extraPaths().forEach((path, entries) -> {
                for (int i = 0; i < replicaIds.size(); i++) {
                    next.put(replicaIds.get(i), path, entries[i] == null ? null : ReplicaState.of(entries[i]));
                }
            });
        }

        Plan build(String jobId, List<String> names, long scanned) {
            return new Plan(jobId, names, List.copyOf(actions), base, next, scanned);
        }
    }
}
