package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.RelativePath;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one run changes in a job's synchronized state: for each changed path, what every replica
 * held there at the last sync ({@code before}) and is expected to hold afterwards ({@code after}).
 * The reconciler adds the rows of its plan in {@link RelativePath#ORDER} ({@link #add}); a state
 * store applies them ({@link SyncStateStore#save}); the executor first withdraws the paths whose
 * actions did not all succeed ({@link #withdraw}), so that only what succeeded is saved.
 *
 * <p>Memory stays bounded however many paths change: beyond {@value #MEMORY_ROWS} rows they are
 * written to a temporary file (deleted by {@link #close()}). Held in memory are only the paths
 * added out of order ({@link #addOutOfOrder}: conflict copies, one per conflict) and the withdrawn
 * paths (one per failed action). Not thread-safe: one run owns it; rows are added before they are
 * read.
 */
public final class StateChanges implements AutoCloseable {

    /** Rows kept in memory before they go to the temporary file. */
    static final int MEMORY_ROWS = 4096;

    /**
     * One changed path.
     *
     * @param before the saved states, by replica index ({@code null}: none)
     * @param after  the states to save, by replica index ({@code null}: forget it)
     */
    public record Change(String path, ReplicaState[] before, ReplicaState[] after) {
    }

    private final int width;
    private final List<Change> recent = new ArrayList<>();
    private final TreeMap<String, Change> outOfOrder = new TreeMap<>(RelativePath.ORDER);
    private final Set<String> withdrawn = new HashSet<>();
    private boolean allWithdrawn;
    private String last;
    private long rows;
    private Path spill;
    private DataOutputStream spillOut;
    private long spilledRows;

    /** @param width the number of the job's replicas */
    public StateChanges(int width) {
        this.width = width;
    }

    /** The number of the job's replicas. */
    public int width() {
        return width;
    }

    /**
     * Records that {@code path} goes from {@code before} to {@code after}; nothing when they are equal.
     * Paths must come in strictly increasing {@link RelativePath#ORDER}.
     *
     * @throws IllegalArgumentException if {@code path} does not come after the previous one
     * @throws UncheckedIOException     if the temporary file cannot be written
     */
    public void add(String path, ReplicaState[] before, ReplicaState[] after) {
        if (Arrays.equals(before, after)) {
            return;
        }
        if (last != null && RelativePath.compare(path, last) <= 0) {
            throw new IllegalArgumentException("state change of '" + path + "' after '" + last + "'");
        }
        last = path;
        outOfOrder.remove(path);
        recent.add(new Change(path, before.clone(), after.clone()));
        rows++;
        if (recent.size() >= MEMORY_ROWS) {
            spillRecent();
        }
    }

    /**
     * Records a change of a path that may lie anywhere in the order (a conflict copy). It replaces
     * an earlier change of the same path, and is replaced by a later {@link #add} of it.
     */
    public void addOutOfOrder(String path, ReplicaState[] before, ReplicaState[] after) {
        if (!Arrays.equals(before, after)) {
            outOfOrder.put(path, new Change(path, before.clone(), after.clone()));
            rows++;
        }
    }

    /** Leaves the saved state of {@code path} as it is, on every replica. */
    public void withdraw(String path) {
        withdrawn.add(path);
    }

    /** Leaves the whole saved state as it is. */
    public void withdrawAll() {
        allWithdrawn = true;
    }

    /** Rows added, withdrawn ones included: an upper bound of what {@link #open()} returns. */
    public long size() {
        return allWithdrawn ? 0 : rows;
    }

    /** Whether nothing is left to save. */
    public boolean isEmpty() throws IOException {
        try (Reader reader = open()) {
            return !reader.hasNext();
        }
    }

    /**
     * Reads the changes not withdrawn, in {@link RelativePath#ORDER}. Any number of readers may be
     * opened one after the other.
     */
    public Reader open() throws IOException {
        if (spillOut != null) {
            spillOut.flush();
        }
        return new Reader();
    }

    /** Deletes the temporary file. Idempotent. */
    @Override
    public void close() throws IOException {
        recent.clear();
        outOfOrder.clear();
        if (spillOut != null) {
            spillOut.close();
            spillOut = null;
        }
        if (spill != null) {
            Files.deleteIfExists(spill);
            spill = null;
        }
    }

    private void spillRecent() {
        try {
            if (spillOut == null) {
                spill = Files.createTempFile("syncline-state-changes-", ".tmp");
                spillOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16));
            }
            for (Change change : recent) {
                writeString(spillOut, change.path());
                for (ReplicaState state : change.before()) {
                    writeState(spillOut, state);
                }
                for (ReplicaState state : change.after()) {
                    writeState(spillOut, state);
                }
            }
            spilledRows += recent.size();
            recent.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's state changes to " + spill + ": " + e.getMessage(), e);
        }
    }

    /**
     * The changes not withdrawn, in order: the temporary file, then the rows still in memory,
     * merged with the out-of-order ones. Errors surface as {@link UncheckedIOException}.
     */
    public final class Reader implements Iterator<Change>, AutoCloseable {

        private final DataInputStream in;
        private final long fromFile;
        private final Iterator<Change> inMemory;
        private final Iterator<Map.Entry<String, Change>> others;
        private long read;
        private Change nextInOrder;
        private Change nextOther;
        private Change next;

        private Reader() throws IOException {
            fromFile = allWithdrawn ? 0 : spilledRows;
            in = fromFile > 0 ? new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16)) : null;
            inMemory = allWithdrawn ? List.<Change>of().iterator() : List.copyOf(recent).iterator();
            others = allWithdrawn ? Map.<String, Change>of().entrySet().iterator()
                    : new TreeMap<>(outOfOrder).entrySet().iterator();
            nextInOrder = readInOrder();
            nextOther = others.hasNext() ? others.next().getValue() : null;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (nextInOrder != null || nextOther != null)) {
                int order = nextInOrder == null ? 1 : nextOther == null ? -1
                        : RelativePath.compare(nextInOrder.path(), nextOther.path());
                Change candidate;
                if (order < 0) {
                    candidate = nextInOrder;
                    nextInOrder = readInOrder();
                } else {
                    candidate = nextOther;
                    nextOther = others.hasNext() ? others.next().getValue() : null;
                    if (order == 0) {
                        nextInOrder = readInOrder();
                    }
                }
                if (!withdrawn.contains(candidate.path())) {
                    next = candidate;
                }
            }
            return next != null;
        }

        @Override
        public Change next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Change change = next;
            next = null;
            return change;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }

        private Change readInOrder() {
            if (read < fromFile) {
                read++;
                try {
                    String path = readString(in);
                    ReplicaState[] before = new ReplicaState[width];
                    ReplicaState[] after = new ReplicaState[width];
                    for (int i = 0; i < width; i++) {
                        before[i] = readState(in);
                    }
                    for (int i = 0; i < width; i++) {
                        after[i] = readState(in);
                    }
                    return new Change(path, before, after);
                } catch (EOFException e) {
                    throw new UncheckedIOException("the run's state changes in " + spill + " end early", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the run's state changes: " + e.getMessage(), e);
                }
            }
            return inMemory.hasNext() ? inMemory.next() : null;
        }
    }

    private static void writeState(DataOutputStream out, ReplicaState state) throws IOException {
        if (state == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(state.type() == EntryType.DIRECTORY ? 2 : 1);
        out.writeLong(state.size());
        out.writeLong(state.mtimeMillis());
        out.writeBoolean(state.hash() != null);
        if (state.hash() != null) {
            writeString(out, state.hash());
        }
    }

    private static ReplicaState readState(DataInputStream in) throws IOException {
        byte type = in.readByte();
        if (type == 0) {
            return null;
        }
        long size = in.readLong();
        long mtime = in.readLong();
        String hash = in.readBoolean() ? readString(in) : null;
        return new ReplicaState(type == 2 ? EntryType.DIRECTORY : EntryType.FILE, size, mtime, hash);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
