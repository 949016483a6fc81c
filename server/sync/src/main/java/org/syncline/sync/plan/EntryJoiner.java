package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges the entry streams of several replicas, each sorted by {@link RelativePath#ORDER}, into
 * {@link Row}s, one per relative path present on any replica. Holds one entry per stream.
 */
public final class EntryJoiner implements Iterator<Row> {

    private final List<? extends Iterator<FileEntry>> streams;
    private final FileEntry[] heads;

    public EntryJoiner(List<? extends Iterator<FileEntry>> streams) {
        this.streams = streams;
        this.heads = new FileEntry[streams.size()];
        for (int i = 0; i < heads.length; i++) {
            advance(i);
        }
    }

    @Override
    public boolean hasNext() {
        for (FileEntry head : heads) {
            if (head != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Row next() {
        String smallest = null;
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
        return new Row(smallest, entries);
    }

    private void advance(int i) {
        heads[i] = streams.get(i).hasNext() ? streams.get(i).next() : null;
    }
}
