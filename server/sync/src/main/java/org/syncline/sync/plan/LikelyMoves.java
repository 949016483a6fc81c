package org.syncline.sync.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts, while a plan is made, the removals of files that are likely moves: a file removed from a
 * path while a new file of the same size and time is copied to the same path (a file or folder
 * moved or renamed on another path). The executor tries to carry these out as renames; the
 * mass-delete guard does not count them, since their content stays on the path under the new name
 * (renaming a folder of thousands of files is not a mass deletion). Files are paired by their exact
 * time bucket of the coarsest time granularity, one removal per copy; at most {@value #MAX_KEYS}
 * kinds of copies and of removals are remembered, beyond which fewer pairs are counted (the guard
 * only gets stricter). Not thread-safe.
 */
final class LikelyMoves {

    static final int MAX_KEYS = 100_000;

    private final long bucket;
    private final Map<MoveKey, int[]> copies = new HashMap<>();
    private final Map<MoveKey, int[]> removals = new HashMap<>();

    /** @param bucket the length of a time bucket ({@link MoveKey#bucketOf}) */
    LikelyMoves(long bucket) {
        this.bucket = bucket;
    }

    /** Takes note of a planned action. */
    void add(Action action) {
        if (action.copiesNewFile()) {
            count(copies, MoveKey.of(action.target(), action.sourceEntry(), bucket));
        } else if (action.removesFileWithContent()) {
            count(removals, MoveKey.of(action.target(), action.expectedTarget(), bucket));
        }
    }

    private static void count(Map<MoveKey, int[]> counts, MoveKey key) {
        int[] count = counts.get(key);
        if (count != null) {
            count[0]++;
        } else if (counts.size() < MAX_KEYS) {
            counts.put(key, new int[] {1});
        }
    }

    /** The removals noted so far that a copy noted so far is likely to take. */
    int count() {
        int paired = 0;
        for (Map.Entry<MoveKey, int[]> removal : removals.entrySet()) {
            int[] copied = copies.get(removal.getKey());
            if (copied != null) {
                paired += Math.min(copied[0], removal.getValue()[0]);
            }
        }
        return paired;
    }
}
