package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.spill.Spill;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one run changes in a job's synchronized state: for each changed path, what every replica
 * held there at the last sync ({@code before}) and is expected to hold afterwards ({@code after}).
 * The reconciler adds the rows of its plan in {@link RelativePath#ORDER} ({@link #add}); a state
 * store applies them ({@link SyncStateStore#save}); the executor first withdraws the paths whose
 * actions did not all succeed ({@link #withdraw}), so that only what succeeded is saved.
 *
 * <p>Memory stays bounded however many paths change: beyond {@value #MEMORY_ROWS} rows they are
 * written to a temporary file (a {@link Spill}, deleted by {@link #close()}). Held in memory are
 * only the paths added out of order ({@link #addOutOfOrder}: conflict copies, one per conflict) and
 * the withdrawn paths (one per failed action), and the content hashes the run's copies learned
 * ({@link #learn}; bounded). Not thread-safe but for {@link #learn} and the readers a store may use
 * while the run executes: one run owns it; rows are added before they are read.
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

    /** Hashes learned by copies ({@link #learn}) kept at most, for paths not yet read with them. */
    static final int MAX_LEARNED = 100_000;
    /**
     * Changes {@link #drainLearned} keeps after passing them, for the copies that learn their hashes
     * after later ones (a batch's copies end in any order; a batch has at most 512).
     */
    static final int PASSED_KEPT = 4096;

    /** What copies of one path learned: the hash of a version of a file, held by the replicas of the mask. */
    private record Learned(ReplicaState state, long replicas) {
    }

    /** Receives a change whose states after the run gained learned hashes; see {@link #drainLearned}. */
    @FunctionalInterface
    public interface LearnedChange {
        void accept(String path, ReplicaState[] planned, ReplicaState[] learned);
    }

    private final int width;
    private final Spill<Change> inOrder;
    private final Map<String, Learned> learned = new ConcurrentHashMap<>();
    /** Where {@link #drainLearned} goes on from, call after call; {@code null} before its first call. */
    private Reader draining;
    /** The latest changes {@link #drainLearned} passed with no hash learned yet, at most {@value #PASSED_KEPT}. */
    private final Map<String, Change> passed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Change> eldest) {
            return size() > PASSED_KEPT;
        }
    };
    private final TreeMap<String, Change> outOfOrder = new TreeMap<>(RelativePath.ORDER);
    private final Set<String> withdrawn = new HashSet<>();
    private boolean allWithdrawn;
    private String last;

    /** @param width the number of the job's replicas */
    public StateChanges(int width) {
        this.width = width;
        this.inOrder = new Spill<>("state-changes", MEMORY_ROWS, new ChangeCodec(width));
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
        inOrder.add(new Change(path, before.clone(), after.clone()));
    }

    /**
     * Records a change of a path that may lie anywhere in the order (a conflict copy). It replaces
     * an earlier change of the same path, and is replaced by a later {@link #add} of it.
     */
    public void addOutOfOrder(String path, ReplicaState[] before, ReplicaState[] after) {
        if (!Arrays.equals(before, after)) {
            outOfOrder.put(path, new Change(path, before.clone(), after.clone()));
        }
    }

    /**
     * Records, from a copy that wrote {@code state}'s version of a file (its size and time, with the
     * content hash the copy read), that {@code path} holds it on the given replicas. The state to
     * save then keeps the hash, on each of those replicas whose state after the run is that very
     * version (size and time; its hash, if any, was saved before and is replaced by the one read
     * now), so that a later run can tell a move of the file without reading it
     * (see the executor's moves). Thread-safe; may be called while a store reads the changes.
     * Beyond {@value #MAX_LEARNED} paths waiting to be read with their hashes, more are dropped:
     * a hash is never needed, only saves reading.
     */
    public void learn(String path, ReplicaState state, int... replicas) {
        if (state.type() != EntryType.FILE || state.hash() == null
                || learned.size() >= MAX_LEARNED && !learned.containsKey(path)) {
            return;
        }
        long mask = 0;
        for (int replica : replicas) {
            if (replica >= 0 && replica < Long.SIZE) {
                mask |= 1L << replica;
            }
        }
        learned.merge(path, new Learned(state, mask), (known, now) -> known.state().equals(now.state())
                ? new Learned(known.state(), known.replicas() | now.replicas()) : now);
    }

    /** Paths with learned hashes not yet drained ({@link #drainLearned}). */
    public int learnedPending() {
        return learned.size();
    }

    /**
     * Hands over each change, withdrawn or not, whose states after the run gain hashes learned since
     * the last call, with those states as planned (as {@link #openAll} read them) and with the hashes;
     * each learned hash is handed over once. For a store that wrote the planned changes ahead; it
     * writes back the withdrawn ones after this ({@link #openWithdrawn}). May be called on another
     * thread than the run's, like {@link #openAll}, but by one thread only.
     *
     * <p>A call reads on from where the last one stopped (the copies learn in about the order of the
     * changes, so the changes are read about once in all, not once per call), with the changes it
     * passed lately at hand for copies that end late; only a hash learned further back is found by
     * reading all the changes again, which also drops the hashes of paths no change holds.
     *
     * @return the number of changes handed over
     */
    public int drainLearned(LearnedChange consumer) throws IOException {
        if (learned.isEmpty()) {
            return 0;
        }
        int handed = 0;
        // Learned after the reader passed them: copies of a batch end in any order.
        for (String path : List.copyOf(learned.keySet())) {
            Change change = passed.remove(path);
            if (change != null) {
                handed += handOver(change, consumer);
            }
        }
        // On from where the last call stopped: the copies learn in about the order of the changes.
        if (draining == null) {
            draining = new Reader(Selection.ALL, false);
        }
        while (!learned.isEmpty() && draining.hasNext()) {
            Change change = draining.next();
            if (learned.containsKey(change.path())) {
                handed += handOver(change, consumer);
            } else {
                passed.put(change.path(), change);
            }
        }
        if (!learned.isEmpty()) {
            // Learned further back than the changes kept, or a change added since the reader opened:
            // all of them read again, and the next call starts from the beginning. A hash still left
            // then has no change to go with (nothing of its path is saved): dropped.
            closeDraining();
            Map<String, Learned> before = Map.copyOf(learned);
            try (Reader reader = new Reader(Selection.ALL, false)) {
                while (reader.hasNext() && !learned.isEmpty()) {
                    Change change = reader.next();
                    if (learned.containsKey(change.path())) {
                        handed += handOver(change, consumer);
                    }
                }
            }
            passed.clear();
            before.forEach(learned::remove);
        }
        return handed;
    }

    /** Hands over the learned hash of {@code change}'s path, if it changes the states to save; 1 if it did. */
    private int handOver(Change change, LearnedChange consumer) {
        Learned known = learned.get(change.path());
        if (known == null) {
            return 0;
        }
        int handed = 0;
        ReplicaState[] after = withLearned(change.after(), known);
        if (after != change.after()) {
            consumer.accept(change.path(), change.after(), after);
            handed = 1;
        }
        if (!learned.remove(change.path(), known)) {
            passed.put(change.path(), change); // learned again meanwhile: handed over by the next call
        }
        return handed;
    }

    private void closeDraining() throws IOException {
        passed.clear();
        if (draining != null) {
            Reader reader = draining;
            draining = null;
            reader.close();
        }
    }

    /** {@code after} with the learned hash on each replica the copies wrote, or {@code after} itself when none applies. */
    private static ReplicaState[] withLearned(ReplicaState[] after, Learned known) {
        ReplicaState[] result = after;
        for (int i = 0; i < after.length && i < Long.SIZE; i++) {
            ReplicaState state = after[i];
            if ((known.replicas() & 1L << i) != 0 && state != null && state.type() == EntryType.FILE
                    && !known.state().hash().equals(state.hash()) && state.size() == known.state().size()
                    && state.mtimeMillis() == known.state().mtimeMillis()) {
                if (result == after) {
                    result = after.clone();
                }
                result[i] = known.state();
            }
        }
        return result;
    }

    /** Leaves the saved state of {@code path} as it is, on every replica. */
    public void withdraw(String path) {
        withdrawn.add(path);
    }

    /** Leaves the whole saved state as it is. */
    public void withdrawAll() {
        allWithdrawn = true;
    }

    /** Whether nothing is left to save. */
    public boolean isEmpty() throws IOException {
        try (Reader reader = open()) {
            return !reader.hasNext();
        }
    }

    /**
     * Reads the changes not withdrawn, in {@link RelativePath#ORDER}, with the hashes learned so far
     * ({@link #learn}). Any number of readers may be opened one after the other.
     */
    public Reader open() throws IOException {
        return new Reader(Selection.KEPT, true);
    }

    /**
     * Reads every change, withdrawn or not, in {@link RelativePath#ORDER}: what a store may write
     * ahead, while the run still executes, before it knows what will be withdrawn. Unlike the other
     * readers, it may be read on another thread than the one withdrawing, while the run withdraws.
     */
    public Reader openAll() throws IOException {
        return new Reader(Selection.ALL, false);
    }

    /**
     * Reads the changes withdrawn so far, in {@link RelativePath#ORDER} (every change if all are):
     * what a store that wrote ahead ({@link #openAll}) must take back.
     */
    public Reader openWithdrawn() throws IOException {
        return new Reader(Selection.WITHDRAWN, false);
    }

    private enum Selection { KEPT, ALL, WITHDRAWN }

    /** Deletes the temporary file. Idempotent. */
    @Override
    public void close() throws IOException {
        outOfOrder.clear();
        closeDraining();
        inOrder.close();
    }

    /**
     * The changes of one {@link Selection}, in order: the in-order rows merged with the out-of-order
     * ones. Errors surface as {@link UncheckedIOException}.
     */
    public final class Reader implements Iterator<Change>, AutoCloseable {

        private final Selection selection;
        private final boolean learnedHashes;
        private final Spill.Reader<Change> rows;
        private final Iterator<Map.Entry<String, Change>> others;
        private Change nextInOrder;
        private Change nextOther;
        private Change next;

        private Reader(Selection selection, boolean learnedHashes) throws IOException {
            this.selection = selection;
            this.learnedHashes = learnedHashes;
            rows = inOrder.open();
            others = new TreeMap<>(outOfOrder).entrySet().iterator();
            boolean none = selection == Selection.KEPT && allWithdrawn;
            nextInOrder = !none && rows.hasNext() ? rows.next() : null;
            nextOther = !none && others.hasNext() ? others.next().getValue() : null;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (nextInOrder != null || nextOther != null)) {
                int order = nextInOrder == null ? 1 : nextOther == null ? -1
                        : RelativePath.compare(nextInOrder.path(), nextOther.path());
                Change candidate;
                if (order < 0) {
                    candidate = nextInOrder;
                    nextInOrder = rows.hasNext() ? rows.next() : null;
                } else {
                    candidate = nextOther;
                    nextOther = others.hasNext() ? others.next().getValue() : null;
                    if (order == 0) {
                        nextInOrder = rows.hasNext() ? rows.next() : null;
                    }
                }
                if (selected(candidate.path())) {
                    next = candidate;
                }
            }
            return next != null;
        }

        private boolean selected(String path) {
            return switch (selection) {
                case ALL -> true;
                case KEPT -> !withdrawn.contains(path);
                case WITHDRAWN -> allWithdrawn || withdrawn.contains(path);
            };
        }

        @Override
        public Change next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Change change = next;
            next = null;
            Learned known = learnedHashes ? learned.get(change.path()) : null;
            if (known != null) {
                ReplicaState[] after = withLearned(change.after(), known);
                return after == change.after() ? change : new Change(change.path(), change.before(), after);
            }
            return change;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /** A change as the path, then each replica's state before, then after. */
    private record ChangeCodec(int width) implements Spill.Codec<Change> {

        @Override
        public void write(DataOutput out, Change change) throws IOException {
            Spill.writeString(out, change.path());
            for (ReplicaState state : change.before()) {
                writeState(out, state);
            }
            for (ReplicaState state : change.after()) {
                writeState(out, state);
            }
        }

        @Override
        public Change read(DataInput in) throws IOException {
            String path = Spill.readString(in);
            ReplicaState[] before = new ReplicaState[width];
            ReplicaState[] after = new ReplicaState[width];
            for (int i = 0; i < width; i++) {
                before[i] = readState(in);
            }
            for (int i = 0; i < width; i++) {
                after[i] = readState(in);
            }
            return new Change(path, before, after);
        }

        private static void writeState(DataOutput out, ReplicaState state) throws IOException {
            if (state == null) {
                out.writeByte(0);
                return;
            }
            out.writeByte(switch (state.type()) {
                case DIRECTORY -> 2;
                case SYMLINK -> 3;
                default -> 1;
            });
            out.writeLong(state.size());
            out.writeLong(state.mtimeMillis());
            Spill.writeString(out, state.hash());
        }

        private static ReplicaState readState(DataInput in) throws IOException {
            byte type = in.readByte();
            if (type == 0) {
                return null;
            }
            long size = in.readLong();
            long mtime = in.readLong();
            EntryType kind = type == 2 ? EntryType.DIRECTORY : type == 3 ? EntryType.SYMLINK : EntryType.FILE;
            return new ReplicaState(kind, size, mtime, Spill.readString(in));
        }
    }
}
