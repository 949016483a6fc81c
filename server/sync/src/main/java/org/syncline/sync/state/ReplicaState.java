package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.FileEntry;

/**
 * What one path held for one relative path when the job last synchronized it.
 *
 * @param type        {@link EntryType#FILE}, {@link EntryType#DIRECTORY} or {@link EntryType#SYMLINK}
 * @param size        file size (of a link: its target's)
 * @param mtimeMillis modification time
 * @param hash        content hash, or {@code null} when not known; of a link: its target's, always known
 */
public record ReplicaState(EntryType type, long size, long mtimeMillis, String hash) {

    public static ReplicaState of(FileEntry entry) {
        return new ReplicaState(entry.type(), entry.size(), entry.mtimeMillis(), entry.hash());
    }

    /**
     * Whether {@code entry} is still what was synchronized (type; size and time for files; the target
     * for links), with
     * times closer than {@code granularityMillis} counting as the same: the state of a copy records
     * the time it was given, which a file system of coarse times (FAT, exFAT, some shares) keeps cut.
     */
    public boolean matches(FileEntry entry, long granularityMillis) {
        if (entry == null || entry.type() != type) {
            return false;
        }
        if (type == EntryType.SYMLINK) {
            return hash != null && hash.equals(entry.hash());
        }
        return type != EntryType.FILE
                || (entry.size() == size && FileEntry.sameTime(entry.mtimeMillis(), mtimeMillis, granularityMillis));
    }
}
