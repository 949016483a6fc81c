package org.syncline.sync.state;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A job's last synchronized state as a {@link SyncStateStore} reads it: one pass over the paths for
 * which any of the job's replicas has a state, in {@link org.syncline.sync.replica.RelativePath#ORDER},
 * so that the reconciler can merge it with the scans row by row instead of holding the whole state.
 * Rows are never empty. Stores read lazily and hold no more than their own documentation says.
 *
 * <p>Single-use and not thread-safe. A failure while reading surfaces as
 * {@link java.io.UncheckedIOException} from {@link #hasNext()}. Close it to release files or
 * connections; closing is idempotent.
 */
public interface SavedState extends Iterator<StateRow>, AutoCloseable {

    @Override
    void close() throws IOException;

    /** A state of the given rows (already in order), holding nothing open. */
    static SavedState of(List<StateRow> rows) {
        Iterator<StateRow> iterator = rows.iterator();
        return new SavedState() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public StateRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return iterator.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The state of a job that never ran. */
    static SavedState empty() {
        return of(List.of());
    }
}
