package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;

import java.util.List;

/** Comparisons between versions of one file on several paths. */
final class Versions {

    private Versions() {
    }

    /**
     * Index of the newest entry among {@code candidates}: latest time, then larger size, then lower
     * index. Times closer than the two paths' granularity count as the same time.
     */
    static int newest(RowPlan plan, List<Integer> candidates) {
        int best = -1;
        for (int i : candidates) {
            FileEntry entry = plan.entry(i);
            if (best < 0) {
                best = i;
                continue;
            }
            FileEntry current = plan.entry(best);
            boolean sameTime = FileEntry.sameTime(entry.mtimeMillis(), current.mtimeMillis(), plan.granularity(i, best));
            if ((!sameTime && entry.mtimeMillis() > current.mtimeMillis()) || (sameTime && entry.size() > current.size())) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Whether paths {@code i} and {@code j} hold the same content ({@code a} and {@code b}), absent
     * counting as different from present; times to the coarser of the two paths' granularities.
     */
    static boolean same(RowPlan plan, FileEntry a, int i, FileEntry b, int j) {
        return a == null ? b == null : a.sameContentAs(b, plan.granularity(i, j));
    }
}
