package org.syncline.sync.plan;

import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.state.ReplicaState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions for one {@link Row}, as a rule makes them: the actions, and what each path is
 * expected to hold afterwards (which becomes the new synchronized state if every action
 * succeeds). Not thread-safe; lives for one row.
 */
public final class RowPlan {

    private final Row row;
    private final SyncOptions options;
    private final FileEntry[] after;
    private final List<Action> actions = new ArrayList<>();
    private final Map<String, FileEntry[]> extraPaths = new LinkedHashMap<>();
    private final long[] granularity;
    private final ContentReader content;
    /** Content hashes read for this row, by path ({@link #sameBytes}): each file is read at most once. */
    private String[] hashes;
    private boolean skipped;

    /** Reads the content hash of a path's file, or gives {@code null} when it cannot be read. */
    interface ContentReader {
        /** Reads nothing: every file counts as unreadable. */
        ContentReader NONE = (replica, file) -> null;

        String hash(int replica, FileEntry file);
    }

    /** @param granularity each path's time granularity in milliseconds ({@link org.syncline.sync.replica.Replica#timeGranularityMillis()}) */
    RowPlan(Row row, SyncOptions options, long[] granularity) {
        this(row, options, granularity, ContentReader.NONE);
    }

    /** @param content reads files when a rule must know whether two versions hold the same bytes */
    RowPlan(Row row, SyncOptions options, long[] granularity, ContentReader content) {
        this.row = row;
        this.options = options;
        this.after = row.entries().clone();
        this.granularity = granularity;
        this.content = content;
    }

    /**
     * Whether the files of paths {@code i} and {@code j} hold the same bytes, whatever their times:
     * the same size and content hash (read from both when the scan did not hash them). {@code false}
     * when either cannot be read.
     */
    public boolean sameBytes(int i, int j) {
        FileEntry a = entry(i);
        FileEntry b = entry(j);
        if (a == null || b == null || !a.isFile() || !b.isFile() || a.size() != b.size()) {
            return false;
        }
        String first = hash(i, a);
        return first != null && first.equals(hash(j, b));
    }

    /** The file's hash from the scan, or read once for this row. */
    private String hash(int replica, FileEntry file) {
        if (file.hash() != null) {
            return file.hash();
        }
        if (hashes == null) {
            hashes = new String[width()];
        }
        if (hashes[replica] == null) {
            hashes[replica] = content.hash(replica, file);
        }
        return hashes[replica];
    }

    /**
     * Gives the file of path {@code to}, which holds the same bytes as that of path {@code from}, the
     * latter's time and permissions: afterwards it is the same version.
     */
    public void restamp(int from, int to, String reason) {
        actions.add(new Action(ActionType.SET_ATTRIBUTES, row.path(), from, to, after[from], after[to], null, false,
                reason));
        after[to] = after[from];
    }

    /** {@code entry} with its saved hash, where it is a scanned entry of this row still as synchronized ({@link Row#withSavedHash}). */
    private FileEntry withSavedHash(FileEntry entry) {
        return row.withSavedHash(entry, granularity);
    }

    /** The granularity to which times of paths {@code i} and {@code j} can be compared: the coarser. */
    public long granularity(int i, int j) {
        return Math.max(granularity[i], granularity[j]);
    }

    public Row row() {
        return row;
    }

    public String path() {
        return row.path();
    }

    public int width() {
        return row.width();
    }

    /** What path {@code i} holds now, or {@code null}. */
    public FileEntry entry(int i) {
        return row.entry(i);
    }

    /** What path {@code i} held at the last sync, or {@code null}. */
    public ReplicaState base(int i) {
        return row.base()[i];
    }

    public SyncOptions options() {
        return options;
    }

    /** Copies the file of path {@code from} to path {@code to}, replacing what is there. */
    public void copy(int from, int to, boolean conflictLoser) {
        FileEntry source = after[from];
        FileEntry target = currentTarget(to);
        boolean archive = target != null && (conflictLoser || options.archiveReplaced());
        String reason = target == null ? "new" : conflictLoser ? "conflict loser replaced" : "changed";
        actions.add(new Action(ActionType.COPY, row.path(), from, to, source, target, null, archive, reason));
        after[to] = source;
    }

    /** Creates on path {@code to} the folder that path {@code from} has. */
    public void mkdir(int from, int to) {
        actions.add(new Action(ActionType.MKDIR, row.path(), from, to, after[from], null, null, false, ""));
        after[to] = after[from];
    }

    /** Gives the entry on path {@code to} the attributes of path {@code from}. */
    public void setAttributes(int from, int to) {
        setAttributes(from, to, "attributes differ");
    }

    /** Gives the entry on path {@code to} the attributes of path {@code from}, for the stated reason. */
    public void setAttributes(int from, int to, String reason) {
        actions.add(new Action(ActionType.SET_ATTRIBUTES, row.path(), from, to, after[from], after[to], null, false,
                reason));
    }

    /** Gives a folder above this row the attributes it has on path {@code from}, after its content changed. */
    void setFolderAttributes(FileEntry folder, int from, int to) {
        actions.add(new Action(ActionType.SET_ATTRIBUTES, folder.path(), from, to, folder, null, null, false,
                "folder content changed"));
    }

    /** Removes the entry of path {@code replica} as the job's delete handling says. */
    public void delete(int replica, String reason) {
        // With the saved hash: a copy of the same content elsewhere may then take the file by a
        // rename without reading it again (a move, see the executor).
        FileEntry target = withSavedHash(currentTarget(replica));
        if (options.deleteHandling() == DeleteHandling.NEVER) {
            actions.add(new Action(ActionType.SKIP, row.path(), -1, replica, null, target, null, false,
                    "not deleted (" + reason + "): deletions are turned off for this job"));
            return;
        }
        ActionType type = options.deleteHandling() == DeleteHandling.ARCHIVE && target.isCopyable()
                ? ActionType.ARCHIVE : ActionType.DELETE;
        actions.add(new Action(type, row.path(), -1, replica, null, target, null, false, reason));
        after[replica] = null;
    }

    /**
     * Keeps the version on path {@code loser} under {@code conflictName} and spreads that copy to
     * every other path.
     */
    public void conflictCopy(int loser, String conflictName) {
        FileEntry version = after[loser];
        actions.add(new Action(ActionType.CONFLICT_COPY, row.path(), loser, loser, version, version, conflictName,
                false, "conflicting version kept as " + conflictName));
        FileEntry renamed = version.withPath(conflictName);
        FileEntry[] copies = new FileEntry[width()];
        copies[loser] = renamed;
        for (int i = 0; i < width(); i++) {
            if (i != loser) {
                actions.add(new Action(ActionType.COPY, conflictName, loser, i, renamed, null, null, false,
                        "conflict copy"));
                copies[i] = renamed;
            }
        }
        extraPaths.put(conflictName, copies);
        after[loser] = null;
    }

    /** Reports a conflict or another notice without doing anything. */
    public void note(ActionType type, int replica, String message) {
        actions.add(new Action(type, row.path(), -1, replica, null, null, null, false, message));
    }

    /** Leaves this path alone on every replica; its synchronized state stays as it was. */
    public void skip(ActionType reportAs, String reason) {
        actions.clear();
        extraPaths.clear();
        actions.add(new Action(reportAs, row.path(), -1, -1, null, null, null, false, reason));
        skipped = true;
    }

    /** Whether {@link #skip} was called. */
    public boolean skipped() {
        return skipped;
    }

    /** What path {@code i} is expected to hold afterwards. */
    public FileEntry after(int i) {
        return after[i];
    }

    /** Whether any planned action changes path {@code replica}. */
    public boolean changes(int replica) {
        return actions.stream().anyMatch(a -> a.target() == replica && a.type().changesSomething());
    }

    /**
     * What path {@code i} is expected to hold afterwards ({@link #after}) as its state is to be
     * saved: a version synchronized before keeps its saved hash (else every run would rewrite its
     * state), but not where a copy of a file reads from or writes to the path: the copy tells the hash
     * it read (a forced copy of a file edited with its size and time kept must not keep the old one).
     */
    FileEntry afterToSave(int i) {
        FileEntry version = after[i];
        boolean copied = actions.stream().anyMatch(a -> a.type() == ActionType.COPY && a.sourceEntry() != null
                && a.sourceEntry().isFile() && (a.source() == i || a.target() == i));
        return version == null || copied ? version : withSavedHash(version);
    }

    /**
     * The paths whose copies of this row's file learn its hash ({@link org.syncline.sync.state.StateChanges#learn}), a bit
     * per path index below 64: the copies of a file whose scan did not hash it.
     */
    long copiedTo() {
        long mask = 0;
        for (Action action : actions) {
            if (action.type() == ActionType.COPY && action.sourceEntry() != null && action.sourceEntry().isFile()
                    && action.sourceEntry().hash() == null && action.target() < Long.SIZE) {
                mask |= 1L << action.target();
            }
        }
        return mask;
    }

    List<Action> actions() {
        return actions;
    }

    Map<String, FileEntry[]> extraPaths() {
        return extraPaths;
    }

    /** What path {@code replica} holds at this point of the plan: earlier actions of the row included. */
    private FileEntry currentTarget(int replica) {
        return after[replica];
    }
}
