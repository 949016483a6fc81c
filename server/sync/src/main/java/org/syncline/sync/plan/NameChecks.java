package org.syncline.sync.plan;

import org.syncline.sync.replica.PortableNames;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.ReplicaCapabilities;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds names that some path cannot hold: names Windows refuses, and names differing only in case
 * (which collide on a case-insensitive path). A problem on a path that would have to create such a
 * name skips the row; elsewhere it is reported as a warning. Rows must arrive in
 * {@link RelativePath#ORDER}; only the folders above the current row are remembered.
 */
final class NameChecks {

    private record Seen(String name, boolean[] presentAfter, boolean[] presentBefore) {
    }

    private record Folder(String path, Map<String, Seen> byCaseKey) {
    }

    private final List<ReplicaCapabilities> capabilities;
    private final List<String> names;
    private final Deque<Folder> folders = new ArrayDeque<>();

    NameChecks(List<ReplicaCapabilities> capabilities, List<String> names) {
        this.capabilities = capabilities;
        this.names = names;
    }

    /**
     * Checks a decided row, turning it into a skip or adding a warning as needed.
     *
     * @return whether the row was skipped (its subtree must then be protected)
     */
    boolean check(RowPlan plan) {
        String name = RelativePath.name(plan.path());
        String windowsProblem = PortableNames.windowsProblem(name);
        if (windowsProblem != null) {
            for (int i = 0; i < plan.width(); i++) {
                if (capabilities.get(i).windowsNames() && plan.entry(i) == null && plan.after(i) != null) {
                    plan.skip(ActionType.SKIP, windowsProblem + "; it cannot be created on " + names.get(i));
                    return true;
                }
            }
            plan.note(ActionType.WARNING, -1, windowsProblem + "; it could not be synchronized to a Windows path");
        }
        return checkCase(plan, name);
    }

    private boolean checkCase(RowPlan plan, String name) {
        String parent = RelativePath.parent(plan.path());
        while (!folders.isEmpty() && !RelativePath.isWithin(parent, folders.peek().path())) {
            folders.pop();
        }
        if (folders.isEmpty() || !folders.peek().path().equals(parent)) {
            folders.push(new Folder(parent, new HashMap<>()));
        }
        Map<String, Seen> seenInFolder = folders.peek().byCaseKey();
        String key = PortableNames.caseKey(name);
        boolean[] before = new boolean[plan.width()];
        boolean[] after = new boolean[plan.width()];
        for (int i = 0; i < plan.width(); i++) {
            before[i] = plan.entry(i) != null;
            after[i] = plan.after(i) != null;
        }
        Seen other = seenInFolder.putIfAbsent(key, new Seen(name, after, before));
        if (other == null || other.name().equals(name)) {
            return false;
        }
        for (int i = 0; i < plan.width(); i++) {
            if (!capabilities.get(i).caseSensitive() && other.presentAfter()[i] && after[i]) {
                plan.skip(ActionType.SKIP, "'" + name + "' and '" + other.name() + "' differ only in case; "
                        + names.get(i) + " cannot hold both, so '" + name + "' is left alone");
                return true;
            }
        }
        boolean bothOnOnePath = false;
        for (int i = 0; i < plan.width(); i++) {
            bothOnOnePath |= other.presentBefore()[i] && before[i];
        }
        plan.note(ActionType.WARNING, -1, bothOnOnePath
                ? "'" + name + "' and '" + other.name() + "' differ only in case; a case-insensitive path could not hold both"
                : "case-only rename between '" + other.name() + "' and '" + name + "'");
        return false;
    }
}
