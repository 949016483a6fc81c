package org.syncline.sync.plan;

import org.syncline.sync.job.Rule;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules with a master (path 0): {@link Rule#MIRROR} makes every other path identical to it,
 * deletions included; {@link Rule#DIFFERING_MASTER_COPY} overwrites differing files and adds
 * missing ones; {@link Rule#FORCED_MASTER_COPY} copies every file. Only MIRROR removes anything.
 * Folders get the master's attributes again after their content changed. When the scan read ACLs
 * and extended attributes ({@link org.syncline.sync.job.SyncOptions#checkAcls()}), a file or folder
 * whose only difference is in them gets them set.
 */
final class MasterCopy implements RuleStrategy {

    private final Rule rule;
    private final Deque<FileEntry> masterFolders = new ArrayDeque<>();
    private final Set<String> foldersToRestamp = new HashSet<>();

    MasterCopy(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void decide(RowPlan plan) {
        while (!masterFolders.isEmpty() && !RelativePath.isWithin(plan.path(), masterFolders.peek().path())) {
            masterFolders.pop();
        }
        FileEntry master = plan.entry(0);
        for (int target = 1; target < plan.width(); target++) {
            decideFor(plan, master, target);
            if (plan.changes(target)) {
                restampParent(plan, target);
            }
        }
        if (master != null && master.isDirectory()) {
            masterFolders.push(master);
        }
    }

    private void decideFor(RowPlan plan, FileEntry master, int target) {
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
        if (master.isFile()) {
            if (existing == null || rule == Rule.FORCED_MASTER_COPY || !master.sameContentAs(existing)) {
                plan.copy(0, target, false);
            } else if (permissionsDiffer(plan, master, existing) || master.attributesDifferFrom(existing)) {
                plan.setAttributes(0, target, reason(master, existing));
            }
        } else if (existing == null) {
            plan.mkdir(0, target);
        } else if (existing.mtimeMillis() != master.mtimeMillis() || permissionsDiffer(plan, master, existing)
                || master.attributesDifferFrom(existing)) {
            plan.setAttributes(0, target, reason(master, existing));
            foldersToRestamp.add(target + ":" + master.path());
        }
    }

    private void restampParent(RowPlan plan, int target) {
        FileEntry parent = masterFolders.peek();
        if (parent != null && parent.path().equals(RelativePath.parent(plan.path()))
                && foldersToRestamp.add(target + ":" + parent.path())) {
            plan.setFolderAttributes(parent, 0, target);
        }
    }

    private static boolean permissionsDiffer(RowPlan plan, FileEntry a, FileEntry b) {
        return plan.options().copyPermissions() && a.mode() != FileEntry.UNKNOWN_MODE
                && b.mode() != FileEntry.UNKNOWN_MODE && a.mode() != b.mode();
    }

    private static String reason(FileEntry master, FileEntry existing) {
        return master.attributesDifferFrom(existing) ? "ACLs or extended attributes differ" : "attributes differ";
    }

    private static String kind(FileEntry entry) {
        return entry.isDirectory() ? "folder" : "file";
    }
}
