package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.FileEntry;

/**
 * What one path held for one relative path when the job last synchronized it.
 *
 * @param type        {@link EntryType#FILE} or {@link EntryType#DIRECTORY}
 * @param size        file size
 * @param mtimeMillis modification time
 * @param hash        content hash, or {@code null} when not known
 */
public record ReplicaState(EntryType type, long size, long mtimeMillis, String hash) {

    public static ReplicaState of(FileEntry entry) {
        return new ReplicaState(entry.type(), entry.size(), entry.mtimeMillis(), entry.hash());
    }

    /**
     * Whether {@code entry} is still what was synchronized (type, and size and time for files), with
     * times closer than {@code granularityMillis} counting as the same: the state of a copy records
     * the time it was given, which a file system of coarse times (FAT, exFAT, some shares) keeps cut.
     */
    public boolean matches(FileEntry entry, long granularityMillis) {
        if (entry == null || entry.type() != type) {
            return false;
        }
        return type != EntryType.FILE
                || (entry.size() == size && FileEntry.sameTime(entry.mtimeMillis(), mtimeMillis, granularityMillis));
    }
}
