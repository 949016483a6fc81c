package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;

/**
 * One relative path across all of a job's paths: {@code entries[i]} is what path {@code i} holds
 * there, or {@code null}. The array belongs to the row; do not modify it.
 */
public record Row(String path, FileEntry[] entries) {

    public FileEntry entry(int replica) {
        return entries[replica];
    }

    public int width() {
        return entries.length;
    }
}
