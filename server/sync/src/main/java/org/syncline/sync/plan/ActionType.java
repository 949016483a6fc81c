package org.syncline.sync.plan;

/** What a planned {@link Action} does. */
public enum ActionType {
    /** Create a folder (its permissions and time follow at the end of the run, after its content). */
    MKDIR,
    /** Copy a whole file from one path to another (delta transfer comes with the agent). */
    COPY,
    /** Delete a file or an empty folder. */
    DELETE,
    /** Move a file to the path's archive folder instead of deleting it. */
    ARCHIVE,
    /** Set modification time and permissions (and ACLs when the scan compared them and they differ). */
    SET_ATTRIBUTES,
    /** Rename a losing version of a conflict to its conflict-copy name, on its own path. */
    CONFLICT_COPY,
    /** Report a conflict (resolution follows in other actions, or the file is left alone). Not executed. */
    CONFLICT,
    /** Report something the user should know; nothing is done. */
    WARNING,
    /** Leave an entry alone for the stated reason. */
    SKIP;

    /** Whether the executor changes anything for this type. */
    public boolean changesSomething() {
        return this != CONFLICT && this != WARNING && this != SKIP;
    }
}
