package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.state.ReplicaState;

/** The bookkeeping of the engine's saved states in memory; the database side is in {@link StoreContract}. */
class SavedStateCacheTest {

    private static final ReplicaState FILE = new ReplicaState(EntryType.FILE, 1, 1_700_000_000_000L, "aa");
    private static final ReplicaState CHANGED = new ReplicaState(EntryType.FILE, 2, 1_700_000_100_000L, "bb");

    private static Map<String, Map<String, ReplicaState>> rows(String... paths) {
        Map<String, Map<String, ReplicaState>> folders = new HashMap<>();
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            folders.computeIfAbsent(slash < 0 ? "" : path.substring(0, slash), f -> new HashMap<>()).put(path, FILE);
        }
        return folders;
    }

    @Test
    void aCommitIsFollowedOnlyWhenItRaisedTheGenerationKeptByOne() {
        SavedStateCache cache = new SavedStateCache(100);
        cache.keep(1, 5, rows("a.txt", "docs/b.txt"));
        SavedStateCache.Changes changes = new SavedStateCache.Changes();
        changes.put("docs/b.txt", CHANGED);
        changes.put("docs/new/c.txt", FILE);
        changes.put("a.txt", null);
        changes.put("never-kept.txt", null);
        cache.committed(1, 5, 6, changes);

        assertNull(cache.children(1, 5, ""), "the old generation is not served");
        assertEquals(Map.of(), cache.children(1, 6, ""));
        assertEquals(Map.of("docs/b.txt", CHANGED), cache.children(1, 6, "docs"));
        assertEquals(Map.of("docs/new/c.txt", FILE), cache.children(1, 6, "docs/new"));
        assertEquals(2, cache.status().rows());

        cache.committed(1, 6, 8, changes);
        assertEquals(0, cache.status().paths(), "another writer came between: forgotten");
        cache.keep(1, 8, rows("a.txt"));
        cache.committed(1, 7, 8, changes);
        assertEquals(0, cache.status().paths(), "a commit from another generation than the one kept: forgotten");
    }

    @Test
    void thePathsUsedLongestAgoAreForgottenFirstAndOneLargerThanTheBoundIsNotKept() {
        SavedStateCache cache = new SavedStateCache(4);
        cache.keep(1, 0, rows("a", "b"));
        cache.keep(2, 0, rows("c"));
        cache.children(1, 0, "");
        cache.keep(3, 0, rows("d", "e"));
        assertEquals(new SavedStateCache.Status(2, 4, 4, 1, 0), cache.status(), "path 2 went, path 1 was used since");
        assertNull(cache.children(2, 0, ""));

        cache.keep(4, 0, rows("f", "g", "h", "i", "j"));
        assertNull(cache.children(4, 0, ""));
        assertEquals(2, cache.status().paths(), "a path that cannot fit displaces nothing");
        assertThrows(IllegalArgumentException.class, () -> new SavedStateCache(-1));
    }
}
