package org.syncline.sync.plan;

import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.Rule;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.state.ReplicaState;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that compare every path with the last synchronized state:
 * {@link Rule#MULTI_MIRROR} and {@link Rule#EXCHANGING_COPIES}.
 *
 * <p>Per path, an entry is <em>unchanged</em> (matches its state), <em>changed</em> (new or
 * different), <em>deleted</em> (had a state, now gone) or <em>absent</em>. One changed version goes
 * everywhere (a change beats a deletion). Several different changed versions are a conflict,
 * resolved by the job's {@link ConflictPolicy}. A deletion, when nothing changed: MULTI_MIRROR
 * propagates it only if the file had been synchronized to every path, otherwise (and always for
 * EXCHANGING_COPIES) the file is restored from a path that still has it. With no state at all
 * (the first run) every entry counts as changed: the paths are merged and nothing is deleted.
 * A file that became a folder on one path replaces the unchanged file on the others (MULTI_MIRROR);
 * any other path that is a file on one path and a folder on another is left alone.
 */
final class ThreeWay implements RuleStrategy {

    private final Rule rule;
    private final ConflictPolicy policy;
    private final boolean firstRun;
    private final List<String> names;
    private final List<String> machines;
    private final Instant now;
    private final ZoneId zone;

    ThreeWay(Rule rule, ConflictPolicy policy, boolean firstRun, List<String> names, List<String> machines,
             Instant now, ZoneId zone) {
        this.rule = rule;
        this.policy = policy;
        this.firstRun = firstRun;
        this.names = names;
        this.machines = machines;
        this.now = now;
        this.zone = zone;
    }

    @Override
    public void decide(RowPlan plan) {
        List<Integer> changed = new ArrayList<>();
        List<Integer> unchanged = new ArrayList<>();
        boolean files = false;
        boolean folders = false;
        boolean deleted = false;
        boolean syncedEverywhere = true;
        for (int i = 0; i < plan.width(); i++) {
            FileEntry entry = plan.entry(i);
            ReplicaState base = firstRun ? null : plan.base(i);
            syncedEverywhere &= base != null;
            if (entry == null) {
                deleted |= base != null;
                continue;
            }
            files |= entry.isCopyable();
            folders |= entry.isDirectory();
            (base != null && base.matches(entry, plan.granularity(i, i)) ? unchanged : changed).add(i);
        }
        if (files && folders) {
            decideFileBecameFolder(plan, changed, syncedEverywhere);
        } else if (folders) {
            decideFolder(plan, deleted && changed.isEmpty() && syncedEverywhere);
        } else if (!changed.isEmpty()) {
            decideChange(plan, changed);
        } else if (deleted && rule == Rule.MULTI_MIRROR && syncedEverywhere) {
            for (int i : unchanged) {
                plan.delete(i, "deleted on " + deletedOn(plan));
            }
        } else if (!unchanged.isEmpty()) {
            spread(plan, unchanged.get(0), false, List.of());
        }
    }

    /**
     * A file on some paths, a folder on others. MULTI_MIRROR replaces a file that is unchanged since
     * the last sync by the folder that took its place elsewhere, as it would propagate the file's
     * deletion; every other mix (a folder that became a file: its content elsewhere is not known
     * yet; both changed; deletions turned off) is left alone for the user to resolve.
     */
    private void decideFileBecameFolder(RowPlan plan, List<Integer> changed, boolean syncedEverywhere) {
        int folder = -1;
        boolean filesUnchanged = true;
        for (int i = 0; i < plan.width(); i++) {
            FileEntry entry = plan.entry(i);
            if (entry != null && entry.isDirectory() && folder < 0) {
                folder = i;
            }
            filesUnchanged &= entry == null || !entry.isCopyable() || !changed.contains(i);
        }
        if (rule != Rule.MULTI_MIRROR || !syncedEverywhere || !filesUnchanged
                || plan.options().deleteHandling() == DeleteHandling.NEVER) {
            plan.skip(ActionType.SKIP, "is a file on one path and a folder on another; resolve it by hand");
            return;
        }
        for (int i = 0; i < plan.width(); i++) {
            FileEntry entry = plan.entry(i);
            if (entry != null && entry.isCopyable()) {
                plan.delete(i, "replaced by a folder on " + names.get(folder));
            }
            if (plan.after(i) == null) {
                plan.mkdir(folder, i);
            }
        }
    }

    private void decideFolder(RowPlan plan, boolean deleteEverywhere) {
        if (deleteEverywhere && rule == Rule.MULTI_MIRROR) {
            for (int i = 0; i < plan.width(); i++) {
                if (plan.entry(i) != null) {
                    plan.delete(i, "deleted on " + deletedOn(plan));
                }
            }
            return;
        }
        int existing = -1;
        for (int i = 0; i < plan.width() && existing < 0; i++) {
            existing = plan.entry(i) != null ? i : -1;
        }
        for (int i = 0; i < plan.width(); i++) {
            if (plan.entry(i) == null) {
                plan.mkdir(existing, i);
            }
        }
    }

    private void decideChange(RowPlan plan, List<Integer> changed) {
        int winner = Versions.newest(plan, changed);
        List<Integer> losers = new ArrayList<>();
        for (int i : changed) {
            if (Versions.same(plan, plan.entry(i), i, plan.entry(winner), winner)) {
                continue;
            }
            if (plan.sameBytes(i, winner)) {
                // Changed to the same bytes on both paths (the same file saved twice): no conflict.
                plan.restamp(winner, i, "the same content as on " + names.get(winner) + "; its time is aligned");
            } else {
                losers.add(i);
            }
        }
        if (losers.isEmpty()) {
            spread(plan, winner, false, List.of());
            return;
        }
        String versions = describe(plan, winner, losers);
        switch (policy) {
            case WARN_AND_SKIP -> plan.skip(ActionType.CONFLICT,
                    versions + "; left alone (conflict policy: warn and skip)");
            case NEWEST_WINS -> {
                plan.note(ActionType.CONFLICT, -1, versions + "; the newest from " + names.get(winner)
                        + " wins, the other versions are archived");
                spread(plan, winner, true, losers);
            }
            case KEEP_BOTH -> {
                plan.note(ActionType.CONFLICT, -1, versions + "; the newest from " + names.get(winner)
                        + " keeps the name, the others are kept as conflict copies");
                for (int loser : losers) {
                    plan.conflictCopy(loser, ConflictNames.of(plan.path(), machines.get(loser), now, zone));
                }
                spread(plan, winner, false, List.of());
            }
            default -> throw new IllegalStateException("unknown conflict policy " + policy);
        }
    }

    /** Copies the winner to every path that does not hold the same content. */
    private static void spread(RowPlan plan, int winner, boolean archiveLosers, List<Integer> losers) {
        for (int i = 0; i < plan.width(); i++) {
            if (i != winner && !Versions.same(plan, plan.after(winner), winner, plan.after(i), i)) {
                plan.copy(winner, i, archiveLosers && losers.contains(i));
            }
        }
    }

    private String describe(RowPlan plan, int winner, List<Integer> losers) {
        StringBuilder text = new StringBuilder(firstRun ? "differs between " : "changed on ");
        text.append(names.get(winner));
        for (int loser : losers) {
            text.append(" and ").append(names.get(loser));
        }
        return text.append(firstRun ? " before the first sync" : " since the last sync").toString();
    }

    private String deletedOn(RowPlan plan) {
        List<String> where = new ArrayList<>();
        for (int i = 0; i < plan.width(); i++) {
            if (plan.entry(i) == null) {
                where.add(names.get(i));
            }
        }
        return String.join(", ", where);
    }
}
