package org.syncline.sync.plan;

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

    /** Number of paths holding an entry here. */
    public int present() {
        int present = 0;
        for (FileEntry entry : entries) {
            present += entry != null ? 1 : 0;
        }
        return present;
    }
}
