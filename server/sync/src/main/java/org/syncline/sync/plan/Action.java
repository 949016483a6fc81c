package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;

/**
 * One planned step: data, not behaviour. Paths are relative; {@code source} and {@code target} are
 * indexes into the job's paths ({@code -1} when not applicable).
 *
 * @param type            what to do
 * @param path            the entry it concerns
 * @param source          where content or attributes come from
 * @param target          where the change happens
 * @param sourceEntry     the source as scanned (for COPY, MKDIR and SET_ATTRIBUTES)
 * @param expectedTarget  the target as scanned, or {@code null} if it was absent: the executor refuses
 *                        to change a target that no longer looks like this
 * @param newPath         the new name for CONFLICT_COPY
 * @param archiveReplaced whether a COPY keeps the replaced file in the archive folder
 * @param reason          why, in the user's words (empty if obvious)
 */
public record Action(ActionType type, String path, int source, int target, FileEntry sourceEntry,
                     FileEntry expectedTarget, String newPath, boolean archiveReplaced, String reason) {

    /** Bytes this action transfers. */
    public long bytes() {
        return type == ActionType.COPY && sourceEntry != null && sourceEntry.isFile() ? sourceEntry.size() : 0;
    }

    /**
     * Whether this SET_ATTRIBUTES action also gives the target the source's ACLs and extended
     * attributes: both were read by the scan and differ.
     */
    public boolean updatesExtendedAttributes() {
        return type == ActionType.SET_ATTRIBUTES && sourceEntry != null
                && sourceEntry.attributesDifferFrom(expectedTarget);
    }

    /** Whether this action removes an entry from a path (delete or archive). */
    public boolean removes() {
        return type == ActionType.DELETE || type == ActionType.ARCHIVE;
    }

    /** Whether this is a copy of a file to a path that does not hold it yet: a rename may carry it out (a move). */
    public boolean copiesNewFile() {
        return type == ActionType.COPY && expectedTarget == null && sourceEntry != null && sourceEntry.isFile();
    }

    /** Whether this removes a file that has content: a copy of the same content may take it by a rename (a move). */
    public boolean removesFileWithContent() {
        return removes() && expectedTarget != null && expectedTarget.isFile() && expectedTarget.size() > 0;
    }
}
