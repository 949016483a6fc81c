package org.syncline.sync.replica;

/** What a directory entry of a {@link Replica} is. */
public enum EntryType {
    /** A regular file: the only type whose content is synchronized. */
    FILE,
    /** A folder. */
    DIRECTORY,
    /** A symbolic link. Never followed and never synchronized; reported as skipped. */
    SYMLINK,
    /** A device, FIFO, socket or anything else that is not a file, folder or link. Reported as skipped. */
    OTHER,
    /**
     * An entry whose name cannot be represented (for example bytes that are not valid UTF-8 on a
     * UTF-8 system). It cannot be opened by name, so it is reported and skipped.
     */
    BAD_NAME
}
