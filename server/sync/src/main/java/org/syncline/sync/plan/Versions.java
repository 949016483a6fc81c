package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;

import java.util.List;

/** Comparisons between versions of one file on several paths. */
final class Versions {

    private Versions() {
    }

    /** Index of the newest entry among {@code candidates}: latest time, then larger size, then lower index. */
    static int newest(RowPlan plan, List<Integer> candidates) {
        int best = -1;
        for (int i : candidates) {
            FileEntry entry = plan.entry(i);
            if (best < 0) {
                best = i;
                continue;
            }
            FileEntry current = plan.entry(best);
            if (entry.mtimeMillis() > current.mtimeMillis()
                    || (entry.mtimeMillis() == current.mtimeMillis() && entry.size() > current.size())) {
                best = i;
            }
        }
        return best;
    }

    /** Whether both paths hold the same content, absent counting as different from present. */
    static boolean same(FileEntry a, FileEntry b) {
        return a == null ? b == null : a.sameContentAs(b);
    }
}
