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
import org.syncline.sync.spill.Spill;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.StateChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the current entries of a job's paths and the last synchronized state into a {@link Plan}.
 * It scans all paths at once, each on its own thread ({@link BackgroundScan}), and merges their
 * sorted streams with the sorted saved state row by row ({@link EntryJoiner}). Nothing grows with
 * the tree: memory holds the folders on the current path of each scan and the rows being decided.
 * A plan to execute keeps its actions and the state changes, in memory up to a few thousand of
 * each and beyond that in temporary files (see {@link Plan}, {@link StateChanges}); a preview hands
 * each action to a sink and keeps only totals.
 *
 * <p>Symbolic links are synchronized as links (their targets compared, never followed) where every
 * path can hold them. Before a rule sees a row, entries that cannot be synchronized (links where a
 * path cannot hold them or whose target cannot be read, special files, undecodable names,
 * unreadable folders) protect their row and everything below it on every path:
 * nothing there is copied, deleted or forgotten. After the rule decided, {@link NameChecks} stops
 * names that a path cannot hold. A path that is only in the saved state (gone from every path, or
 * no longer selected) is forgotten, unless it lies in a protected folder.
 *
 * <p>Reconciling changes nothing on the paths. Not thread-safe; one instance per run is fine.
 */
public final class Reconciler {

    private final Clock clock;

    public Reconciler(Clock clock) {
        this.clock = clock;
    }

    /**
     * Plans a job for execution: the plan keeps its actions and the changes to the state.
     *
     * @param replicas the job's paths, opened, in the job's order
     * @param base     the last synchronized state, positioned at its start (empty on the first run)
     * @param listener hears about entries left out while scanning (from the scanning threads, one call at a time);
     *                 the message is prefixed with the path's name
     * @throws java.io.UncheckedIOException if a path cannot be listed at all, or the state cannot be read
     */
    public Plan reconcile(SyncJob job, List<? extends Replica> replicas, SavedState base, ScanListener listener) {
        return reconcile(job, replicas, base, listener, new PlanBuilder(replicas, null));
    }

    /**
     * Plans a job to show it: each action goes to {@code sink} as soon as it is decided; the plan
     * keeps only the totals, and no state changes.
     *
     * @throws java.io.UncheckedIOException also when the sink fails
     * @see #reconcile(SyncJob, List, SavedState, ScanListener)
     */
    public Plan preview(SyncJob job, List<? extends Replica> replicas, SavedState base, ScanListener listener,
                        ActionSink sink) {
        return reconcile(job, replicas, base, listener, new PlanBuilder(replicas, sink));
    }

    private Plan reconcile(SyncJob job, List<? extends Replica> replicas, SavedState base, ScanListener listener,
                           PlanBuilder builder) {
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
            return plan(job, replicas, base, scanners, names, now, builder);
        } catch (RuntimeException e) {
            builder.discard(e);
            throw e;
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

    private Plan plan(SyncJob job, List<? extends Replica> replicas, SavedState base,
                      List<BackgroundScan<FileEntry>> scanners, List<String> names, Instant now, PlanBuilder builder) {
        RuleStrategy strategy = strategyFor(job, replicas, !base.hasNext(), names, now);
        NameChecks nameChecks = new NameChecks(replicas.stream().map(Replica::capabilities).toList(), names);
        long[] granularity = replicas.stream().mapToLong(Replica::timeGranularityMillis).toArray();
        EntryJoiner rows = new EntryJoiner(scanners, base);
        String protectedFolder = null;
        long scanned = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            scanned += row.present();
            builder.count(row);
            if (protectedFolder != null && RelativePath.isWithin(row.path(), protectedFolder)) {
                continue;
            }
            protectedFolder = null;
            if (row.present() == 0) {
                builder.forget(row);
                continue;
            }
            RowPlan plan = new RowPlan(row, job.options(), granularity, (i, file) -> Scanner.hashOf(replicas.get(i), file));
            String unsyncable = unsyncable(row, names, replicas);
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

    private RuleStrategy strategyFor(SyncJob job, List<? extends Replica> replicas, boolean firstRun,
                                     List<String> names, Instant now) {
        return switch (job.rule()) {
            case MIRROR, DIFFERING_MASTER_COPY, FORCED_MASTER_COPY -> new MasterCopy(job.rule());
            case RECENT_MASTER_COPY -> new NewestCopy();
            case MULTI_MIRROR, EXCHANGING_COPIES -> new ThreeWay(job.rule(), job.options().conflictPolicy(),
                    firstRun, names, replicas.stream().map(Replica::machineName).toList(), now,
                    clock.getZone());
            case DELETE -> new Purge();
            case SKIP -> plan -> { };
        };
    }

    private static String unsyncable(Row row, List<String> names, List<? extends Replica> replicas) {
        for (int i = 0; i < row.width(); i++) {
            FileEntry entry = row.entry(i);
            if (entry == null || entry.isFile() || entry.isDirectory() || entry.isLink() && entry.hash() != null
                    && noLinksOn(replicas) < 0) {
                continue;
            }
            String what = switch (entry.type()) {
                case SYMLINK -> entry.hash() == null
                        ? "is a symbolic link on " + names.get(i) + " whose target cannot be read or is not valid UTF-8;"
                        + " it is not synchronized"
                        : "is a symbolic link on " + names.get(i) + ", and " + names.get(noLinksOn(replicas))
                        + " cannot hold links (FAT, exFAT, Windows); it is not synchronized";
                case BAD_NAME -> "has a name on " + names.get(i)
                        + " that is not valid UTF-8; rename it to synchronize it";
                default -> "is not a regular file or folder on " + names.get(i)
                        + " (or could not be read); it is not synchronized";
            };
            return what + ", and nothing at this path is changed on any path";
        }
        return null;
    }

    /** The first path that cannot hold symbolic links, or -1 when all can. */
    private static int noLinksOn(List<? extends Replica> replicas) {
        for (int i = 0; i < replicas.size(); i++) {
            if (!replicas.get(i).capabilities().symbolicLinks()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Collects committed rows: counts every action, keeps it or hands it to the sink, and records
     * the state changes of a plan to execute.
     */
    private static final class PlanBuilder {

        private final int width;
        private final ActionSink sink;
        private final Spill<Action> actions = new Spill<>("plan", Plan.MEMORY_ACTIONS, ActionCodec.INSTANCE);
        private final StateChanges changes;
        private final LikelyMoves likelyMoves;
        private final Map<ActionType, Integer> counts = new EnumMap<>(ActionType.class);
        private long bytesToCopy;
        private int removals;
        /** Per path: entries scanned, and entries in the saved state. */
        private final long[] present;
        private final long[] synced;

        /** @param sink where actions go; {@code null}: the plan keeps them and records state changes */
        PlanBuilder(List<? extends Replica> replicas, ActionSink sink) {
            this.width = replicas.size();
            this.sink = sink;
            this.likelyMoves = new LikelyMoves(MoveKey.bucketOf(replicas));
            this.changes = new StateChanges(width);
            this.present = new long[width];
            this.synced = new long[width];
            for (ActionType type : ActionType.values()) {
                counts.put(type, 0);
            }
        }

        /** Counts what each path holds of the row now and held at the last sync. */
        void count(Row row) {
            for (int i = 0; i < width; i++) {
                present[i] += row.entry(i) != null ? 1 : 0;
                synced[i] += row.base()[i] != null ? 1 : 0;
            }
        }

        /** A path only in the saved state: gone from every path, so its state goes too. */
        void forget(Row row) {
            if (sink == null) {
                changes.add(row.path(), row.base(), new ReplicaState[width]);
            }
        }

        void commit(RowPlan plan) {
            for (Action action : plan.actions()) {
                counts.merge(action.type(), 1, Integer::sum);
                bytesToCopy += action.bytes();
                removals += action.removes() ? 1 : 0;
                likelyMoves.add(action);
                if (sink == null) {
                    actions.add(action);
                } else {
                    try {
                        sink.planned(action);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                }
            }
            if (sink != null || plan.skipped()) {
                return;
            }
            ReplicaState[] after = new ReplicaState[width];
            for (int i = 0; i < width; i++) {
                FileEntry version = plan.afterToSave(i);
                after[i] = version == null ? null : ReplicaState.of(version);
            }
            changes.add(plan.path(), plan.row().base(), after, plan.copiedTo());
            plan.extraPaths().forEach((path, entries) -> {
                ReplicaState[] states = new ReplicaState[width];
                for (int i = 0; i < width; i++) {
                    states[i] = entries[i] == null ? null : ReplicaState.of(entries[i]);
                }
                changes.addOutOfOrder(path, new ReplicaState[width], states);
            });
        }

        /** Deletes the temporary files of a plan that will not be built; a failure to is added to {@code failure}. */
        void discard(RuntimeException failure) {
            try (Spill<Action> unused = actions; StateChanges alsoUnused = changes) {
                // closed on leaving
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }

        Plan build(String jobId, List<String> names, long scanned) {
            Map<Integer, Long> emptied = new TreeMap<>();
            for (int i = 0; i < width; i++) {
                if (present[i] == 0 && synced[i] > 0) {
                    emptied.put(i, synced[i]);
                }
            }
            return new Plan(jobId, names, actions, changes, scanned, counts, bytesToCopy, removals, likelyMoves.count(),
                    emptied);
        }
    }
}
