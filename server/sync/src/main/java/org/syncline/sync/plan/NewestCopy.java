package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link org.syncline.sync.job.Rule#RECENT_MASTER_COPY}: for each file, the newest version (latest
 * modification time) is copied to every path that lacks it or holds another version. No history is
 * consulted, nothing is deleted, and a file that is a folder elsewhere is left alone.
 */
final class NewestCopy implements RuleStrategy {

    @Override
    public void decide(RowPlan plan) {
        List<Integer> present = new ArrayList<>();
        boolean files = false;
        boolean folders = false;
        for (int i = 0; i < plan.width(); i++) {
            FileEntry entry = plan.entry(i);
            if (entry != null) {
                present.add(i);
                files |= entry.isCopyable();
                folders |= entry.isDirectory();
            }
        }
        if (files && folders) {
            plan.skip(ActionType.SKIP, "is a file on one path and a folder on another; resolve it by hand");
            return;
        }
        int winner = folders ? present.get(0) : Versions.newest(plan, present);
        for (int i = 0; i < plan.width(); i++) {
            if (i == winner) {
                continue;
            }
            if (folders) {
                if (plan.entry(i) == null) {
                    plan.mkdir(winner, i);
                }
            } else if (!Versions.same(plan, plan.entry(winner), winner, plan.entry(i), i)) {
                plan.copy(winner, i, false);
            }
        }
    }
}
