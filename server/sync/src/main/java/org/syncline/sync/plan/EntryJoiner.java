package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.StateRow;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges the entry streams of several replicas and the rows of their last synchronized state, all
 * sorted by {@link RelativePath#ORDER}, into {@link Row}s: one per relative path present on any
 * replica or in the state (a path only in the state gives a row without entries). Holds one entry
 * per stream and one state row, never more.
 *
 * @throws IllegalStateException from {@link #next()} if a stream is not in order: merging it would
 *     pair entries with the wrong states
 */
public final class EntryJoiner implements Iterator<Row> {

    private final List<? extends Iterator<FileEntry>> streams;
    private final Iterator<StateRow> base;
    private final FileEntry[] heads;
    private StateRow baseHead;

    public EntryJoiner(List<? extends Iterator<FileEntry>> streams, Iterator<StateRow> base) {
        this.streams = streams;
        this.base = base;
        this.heads = new FileEntry[streams.size()];
        for (int i = 0; i < heads.length; i++) {
            advance(i);
        }
        advanceBase();
    }

    @Override
    public boolean hasNext() {
        for (FileEntry head : heads) {
            if (head != null) {
                return true;
            }
        }
        return baseHead != null;
    }

    @Override
    public Row next() {
        String smallest = baseHead == null ? null : baseHead.path();
        for (FileEntry head : heads) {
            if (head != null && (smallest == null || RelativePath.compare(head.path(), smallest) < 0)) {
                smallest = head.path();
            }
        }
        if (smallest == null) {
            throw new NoSuchElementException();
        }
        FileEntry[] entries = new FileEntry[heads.length];
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && heads[i].path().equals(smallest)) {
                entries[i] = heads[i];
                advance(i);
            }
        }
        ReplicaState[] states;
        if (baseHead != null && baseHead.path().equals(smallest)) {
            states = baseHead.states();
            advanceBase();
        } else {
            states = new ReplicaState[heads.length];
        }
        return new Row(smallest, entries, states);
    }

    private void advance(int i) {
        FileEntry previous = heads[i];
        heads[i] = streams.get(i).hasNext() ? streams.get(i).next() : null;
        if (previous != null && heads[i] != null && RelativePath.compare(previous.path(), heads[i].path()) >= 0) {
            throw new IllegalStateException("the scan of path " + i + " is out of order: '" + heads[i].path()
                    + "' after '" + previous.path() + "'");
        }
    }

    private void advanceBase() {
        StateRow previous = baseHead;
        baseHead = base.hasNext() ? base.next() : null;
        if (baseHead != null && baseHead.states().length != heads.length) {
            throw new IllegalStateException("a saved state row has " + baseHead.states().length + " states for "
                    + heads.length + " paths");
        }
        if (previous != null && baseHead != null && RelativePath.compare(previous.path(), baseHead.path()) >= 0) {
            throw new IllegalStateException("the saved state is out of order: '" + baseHead.path() + "' after '"
                    + previous.path() + "'");
        }
    }
}
