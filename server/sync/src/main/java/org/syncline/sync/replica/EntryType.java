package org.syncline.sync.replica;

/** What a directory entry of a {@link Replica} is. */
public enum EntryType {
    /** A regular file. */
    FILE,
    /** A folder. */
    DIRECTORY,
    /**
     * A symbolic link. Never followed: synchronized as a link to the same target (the target's text,
     * absolute or relative, as it is), where every path of the row can hold links.
     */
    SYMLINK,
    /** A device, FIFO, socket or anything else that is not a file, folder or link. Reported as skipped. */
    OTHER,
    /**
     * An entry whose name cannot be represented (for example bytes that are not valid UTF-8 on a
     * UTF-8 system). It cannot be opened by name, so it is reported and skipped.
     */
    BAD_NAME
}
