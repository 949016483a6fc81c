package org.syncline.sync.plan;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.state.ReplicaState;

/**
 * One relative path across all of a job's paths: {@code entries[i]} is what path {@code i} holds
 * there, or {@code null}; {@code base[i]} what it held at the last sync, or {@code null}. The
 * arrays belong to the row; do not modify them.
 */
public record Row(String path, FileEntry[] entries, ReplicaState[] base) {

    public FileEntry entry(int replica) {
        return entries[replica];
    }

    public int width() {
        return entries.length;
    }

    /**
     * The entry of path {@code replica}, with the content hash the saved state keeps for it when the
     * file is still the version synchronized then (same size, and the same time within the path's
     * {@code granularityMillis}: all a run without content comparison trusts to leave a file alone)
     * and the scan did not hash it.
     */
    FileEntry withSavedHash(int replica, long granularityMillis) {
        FileEntry entry = entries[replica];
        ReplicaState saved = base[replica];
        if (entry == null || !entry.isFile() || entry.hash() != null || saved == null
                || saved.type() != EntryType.FILE || saved.hash() == null || saved.size() != entry.size()
                || !FileEntry.sameTime(saved.mtimeMillis(), entry.mtimeMillis(), granularityMillis)) {
            return entry;
        }
        return entry.withHash(saved.hash());
    }

    /**
     * {@code entry} with the saved content hash of the path whose scanned entry it is (see
     * {@link #withSavedHash(int, long)}, each path's time granularity in {@code granularityMillis});
     * as it is when it is no scanned entry of this row (a conflict copy).
     */
    FileEntry withSavedHash(FileEntry entry, long[] granularityMillis) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == entry) {
                return withSavedHash(i, granularityMillis[i]);
            }
        }
        return entry;
    }

    /** Number of paths holding an entry here. */
    public int present() {
        int present = 0;
        for (FileEntry entry : entries) {
            present += entry != null ? 1 : 0;
        }
        return present;
    }
}
