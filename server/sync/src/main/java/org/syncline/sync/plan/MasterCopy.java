package org.syncline.sync.plan;

import org.syncline.sync.job.Rule;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rules with a master (path 0): {@link Rule#MIRROR} makes every other path identical to it,
 * deletions included; {@link Rule#DIFFERING_MASTER_COPY} overwrites differing files and adds
 * missing ones; {@link Rule#FORCED_MASTER_COPY} copies every file. Only MIRROR removes anything.
 * Folders get the master's attributes again after their content changed. Only the master's
 * folders above the current row are remembered. When the scan read ACLs and extended attributes
 * ({@link org.syncline.sync.job.SyncOptions#checkAcls()}), a file or folder whose only difference
 * is in them gets them set; so does one whose only difference is its owner or group, where both
 * paths were read with owners (a run as root) and permissions are copied.
 */
final class MasterCopy implements RuleStrategy {

    /** A folder of the master above the current row, and the targets already given its attributes. */
    private record MasterFolder(FileEntry entry, boolean[] restamped) {
    }

    private final Rule rule;
    private final Deque<MasterFolder> masterFolders = new ArrayDeque<>();

    MasterCopy(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void decide(RowPlan plan) {
        while (!masterFolders.isEmpty() && !RelativePath.isWithin(plan.path(), masterFolders.peek().entry().path())) {
            masterFolders.pop();
        }
        FileEntry master = plan.entry(0);
        boolean[] restamped = master != null && master.isDirectory() ? new boolean[plan.width()] : null;
        for (int target = 1; target < plan.width(); target++) {
            decideFor(plan, master, target, restamped);
            if (plan.changes(target)) {
                restampParent(plan, target);
            }
        }
        if (restamped != null) {
            masterFolders.push(new MasterFolder(master, restamped));
        }
    }

    /** @param restamped for a folder row, which targets are given the folder's attributes */
    private void decideFor(RowPlan plan, FileEntry master, int target, boolean[] restamped) {
        FileEntry existing = plan.entry(target);
        boolean mirror = rule == Rule.MIRROR;
        if (master == null) {
            if (existing != null && mirror) {
                plan.delete(target, "not on the master");
            }
            return;
        }
        if (existing != null && existing.type() != master.type()) {
            if (!mirror) {
                plan.note(ActionType.SKIP, target, "is a " + kind(existing) + " here but a " + kind(master)
                        + " on the master; " + rule + " never removes it");
                return;
            }
            plan.delete(target, "a " + kind(master) + " on the master replaces this " + kind(existing));
            if (plan.after(target) != null) {
                return;
            }
            existing = null;
        }
        if (master.isCopyable()) {
            if (existing == null || rule == Rule.FORCED_MASTER_COPY
                    || !master.sameContentAs(existing, plan.granularity(0, target))) {
                plan.copy(0, target, false);
            } else if (permissionsDiffer(plan, master, existing) || master.attributesDifferFrom(existing)
                    || ownersDiffer(plan, master, existing)) {
                plan.setAttributes(0, target, reason(plan, master, existing));
            }
        } else if (existing == null) {
            plan.mkdir(0, target);
        } else if (!FileEntry.sameTime(existing.mtimeMillis(), master.mtimeMillis(), plan.granularity(0, target))
                || permissionsDiffer(plan, master, existing)
                || master.attributesDifferFrom(existing)
                || ownersDiffer(plan, master, existing)) {
            plan.setAttributes(0, target, reason(plan, master, existing));
            restamped[target] = true;
        }
    }

    private void restampParent(RowPlan plan, int target) {
        MasterFolder parent = masterFolders.peek();
        if (parent != null && parent.entry().path().equals(RelativePath.parent(plan.path()))
                && !parent.restamped()[target]) {
            parent.restamped()[target] = true;
            plan.setFolderAttributes(parent.entry(), 0, target);
        }
    }

    private static boolean permissionsDiffer(RowPlan plan, FileEntry a, FileEntry b) {
        return plan.options().copyPermissions() && a.mode() != FileEntry.UNKNOWN_MODE
                && b.mode() != FileEntry.UNKNOWN_MODE && a.mode() != b.mode();
    }

    /** Owners are handed on with the permissions, where both paths were read with theirs (as root). */
    private static boolean ownersDiffer(RowPlan plan, FileEntry a, FileEntry b) {
        return plan.options().copyPermissions() && a.ownerDiffersFrom(b);
    }

    private static String reason(RowPlan plan, FileEntry master, FileEntry existing) {
        return master.attributesDifferFrom(existing) ? "ACLs or extended attributes differ"
                : ownersDiffer(plan, master, existing) ? "owner or group differs" : "attributes differ";
    }

    private static String kind(FileEntry entry) {
        return entry.isDirectory() ? "folder" : entry.isLink() ? "symbolic link" : "file";
    }
}
