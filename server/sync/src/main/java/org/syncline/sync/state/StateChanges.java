package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.spill.Spill;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
 * ({@link #learn}; bounded), and what a store writing ahead holds back ({@link #writeAhead}; bounded).
 * Not thread-safe but for {@link #learn}, {@link #withdraw} and what a store may use while the run
 * executes ({@link #writeAhead}, {@link #openAll}): one run owns it; rows are added before they are read.
 */
public final class StateChanges implements AutoCloseable {

    /** Rows kept in memory before they go to the temporary file. */
    static final int MEMORY_ROWS = 4096;

    /**
     * One changed path.
     *
     * @param before   the saved states, by replica index ({@code null}: none)
     * @param after    the states to save, by replica index ({@code null}: forget it)
     * @param copiedTo the replicas the run copies the path's file to, whose copies learn its hash
     *                 ({@link #learn}): a bit per replica index below 64
     */
    public record Change(String path, ReplicaState[] before, ReplicaState[] after, long copiedTo) {

        /** A change of a path the run copies to no replica. */
        public Change(String path, ReplicaState[] before, ReplicaState[] after) {
            this(path, before, after, 0);
        }

        /** This change with {@code newAfter} as its states after the run; itself when they are the same array. */
        Change withAfter(ReplicaState[] newAfter) {
            return newAfter == after ? this : new Change(path, before, newAfter, copiedTo);
        }

        /** Whether the copies of {@code known} wrote every replica this change's copies do. */
        boolean learnedByAllCopies(Learned known) {
            return known != null && (known.replicas() & copiedTo) == copiedTo;
        }
    }

    /** Hashes learned by copies ({@link #learn}) kept at most, for paths not yet read with them. */
    static final int MAX_LEARNED = 100_000;
    /**
     * Changes {@link #writeAhead} holds back at most while their copies run (the executor copies in
     * the order of the changes, in batches of at most 2,048), and keeps at most after handing them
     * over, for copies that learn their hashes after all.
     */
    static final int AHEAD_KEPT = 4096;

    /** What copies of one path learned: the hash of a version of a file, held by the replicas of the mask. */
    private record Learned(ReplicaState state, long replicas) {
    }

    /** A store writing the changes ahead, while the run executes; see {@link #writeAhead}. */
    @FunctionalInterface
    public interface StateWrite {

        /**
         * Puts {@code to} in place of {@code from} for {@code path}, replica by replica: {@code from}
         * is what the store holds there, the saved states or what an earlier call wrote.
         */
        void write(String path, ReplicaState[] from, ReplicaState[] to);

        /** Whether to stop handing over (the store is closing); asked before each write. */
        default boolean stopped() {
            return false;
        }
    }

    private final int width;
    private final Spill<Change> inOrder;
    private final Map<String, Learned> learned = new ConcurrentHashMap<>();
    /** Where {@link #writeAhead} goes on from, call after call; {@code null} before its first call. */
    private Reader ahead;
    /** The change {@link #writeAhead} read last but could not hold yet. */
    private Change aheadNext;
    /** The path of the change {@link #writeAhead} held or handed over last. */
    private String aheadLast;
    /** Changes {@link #writeAhead} holds back until their copies learn their hashes, in order. */
    private final LinkedHashMap<String, Change> held = new LinkedHashMap<>();
    /** The latest changes {@link #writeAhead} handed over, as written, at most {@value #AHEAD_KEPT}. */
    private final Map<String, Change> written = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Change> eldest) {
            return size() > AHEAD_KEPT;
        }
    };
    private final TreeMap<String, Change> outOfOrder = new TreeMap<>(RelativePath.ORDER);
    /** Read by {@link #writeAhead} on the store's thread while the run withdraws. */
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private volatile boolean allWithdrawn;
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
        add(path, before, after, 0);
    }

    /**
     * {@link #add(String, ReplicaState[], ReplicaState[])} for a path whose file the run copies to
     * the replicas of {@code copiedTo} (a bit per replica index), where the copies learn its hash
     * ({@link #learn}): a store writing ahead waits for them ({@link #writeAhead}).
     */
    public void add(String path, ReplicaState[] before, ReplicaState[] after, long copiedTo) {
        if (Arrays.equals(before, after)) {
            return;
        }
        if (last != null && RelativePath.compare(path, last) <= 0) {
            throw new IllegalArgumentException("state change of '" + path + "' after '" + last + "'");
        }
        last = path;
        outOfOrder.remove(path);
        inOrder.add(new Change(path, before.clone(), after.clone(), copiedTo));
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

    /** Paths with learned hashes not yet handed over ({@link #writeAhead}). */
    int learnedPending() {
        return learned.size();
    }

    /**
     * For a store that writes the changes ahead, while the run executes, in a transaction it
     * commits once the run executed ({@link SyncStateStore#begin}): hands over every change, withdrawn
     * or not (the store takes the withdrawn ones back afterwards, {@link #openWithdrawn}), about in
     * {@link RelativePath#ORDER}, with the hashes the run's copies learned ({@link #learn}). Call after
     * call it goes on from where the last one stopped, and hands over a change once, and again only
     * where a hash learned later changes what it wrote.
     *
     * <p>A change whose file the run copies ({@link Change#copiedTo}) is held back until its copies
     * have learned its hash, so that the store writes its states once, with the hash, instead of
     * writing them as planned and then again with the hash (a database writes every row of a first
     * run twice otherwise, and its transaction's commit has twice the rows to go through). At most
     * {@value #AHEAD_KEPT} are held, about as many as the copies run ahead of: then the call waits
     * for the copies (it returns, to be called again), unless they learn hashes of changes not read
     * yet (copies out of the changes' order): then the longest held is handed over as planned.
     * A withdrawn change held back is never written. Once the run {@code executed}, everything left
     * is handed over. May be called on another thread than the run's, by one thread only.
     *
     * @return the number of writes handed over
     */
    public int writeAhead(StateWrite store, boolean executed) throws IOException {
        if (ahead == null) {
            ahead = new Reader(Selection.ALL, false);
        }
        int handed = 0;
        int beyond = 0; // learned hashes of paths not read yet
        for (String path : List.copyOf(learned.keySet())) {
            if (store.stopped()) {
                return handed;
            }
            Change change = held.get(path);
            if (change != null && forgetWithdrawn(path)) {
                held.remove(path);
            } else if (change != null) {
                if (change.learnedByAllCopies(learned.get(path))) {
                    held.remove(path);
                    handed += handOver(change, true, store);
                }
            } else if ((change = written.get(path)) != null) {
                handed += handOver(change, false, store);
            } else if (aheadLast == null || RelativePath.compare(path, aheadLast) > 0) {
                beyond++;
            }
        }
        while (!store.stopped()) {
            Change change = aheadNext != null ? aheadNext : ahead.hasNext() ? ahead.next() : null;
            aheadNext = null;
            if (change == null) {
                break;
            }
            Learned known = learned.get(change.path());
            if (known != null) {
                beyond = Math.max(0, beyond - 1);
            }
            if (executed || change.copiedTo() == 0 || change.learnedByAllCopies(known)) {
                handed += handOver(change, true, store);
                aheadLast = change.path();
                continue;
            }
            if (held.size() >= AHEAD_KEPT) {
                held.keySet().removeIf(this::forgetWithdrawn);
            }
            if (held.size() >= AHEAD_KEPT) {
                if (beyond == 0) {
                    aheadNext = change; // the copies have not come this far yet
                    break;
                }
                Map.Entry<String, Change> longest = held.pollFirstEntry();
                handed += handOver(longest.getValue(), true, store);
            }
            held.put(change.path(), change);
            aheadLast = change.path();
        }
        if (executed && !store.stopped()) {
            for (Change change : held.values()) {
                if (!forgetWithdrawn(change.path())) {
                    handed += handOver(change, true, store);
                }
            }
            held.clear();
            handed += handOverStragglers(store);
        }
        return handed;
    }

    /**
     * Once everything was handed over: the hashes learned for changes handed over longer ago than
     * {@link #written} keeps are found by reading all the changes again; a hash still left then has
     * no change to go with (nothing of its path is saved): dropped.
     */
    private int handOverStragglers(StateWrite store) throws IOException {
        int handed = 0;
        for (String path : List.copyOf(learned.keySet())) {
            Change change = written.get(path);
            if (change != null) {
                handed += handOver(change, false, store);
            }
        }
        if (learned.isEmpty()) {
            return handed;
        }
        Map<String, Learned> left = Map.copyOf(learned);
        try (Reader reader = new Reader(Selection.ALL, false)) {
            while (reader.hasNext() && !learned.isEmpty() && !store.stopped()) {
                Change change = reader.next();
                if (learned.containsKey(change.path())) {
                    handed += handOver(change, false, store); // written before as planned, most likely
                }
            }
        }
        left.forEach(learned::remove);
        return handed;
    }

    /**
     * Hands over {@code change} with the hash learned for its path, if any, and keeps what it wrote;
     * 1 if it wrote anything. {@code first}: the store holds the change's states before; else it holds
     * its states after (as an earlier call wrote them), and a change gaining nothing writes nothing.
     */
    private int handOver(Change change, boolean first, StateWrite store) {
        Learned known = learned.get(change.path());
        ReplicaState[] after = known == null ? change.after() : withLearned(change.after(), known);
        ReplicaState[] from = first ? change.before() : change.after();
        int handed = 0;
        if (first || after != change.after()) {
            store.write(change.path(), from, after);
            handed = 1;
        }
        written.put(change.path(), change.withAfter(after));
        if (known != null) {
            learned.remove(change.path(), known); // learned again meanwhile: handed over by a later call
        }
        return handed;
    }

    private boolean isWithdrawn(String path) {
        return allWithdrawn || withdrawn.contains(path);
    }

    /** Whether {@code path} is withdrawn; if so, what its copies learned is forgotten (it is not saved). */
    private boolean forgetWithdrawn(String path) {
        if (isWithdrawn(path)) {
            learned.remove(path);
            return true;
        }
        return false;
    }

    private void closeAhead() throws IOException {
        held.clear();
        written.clear();
        aheadNext = null;
        if (ahead != null) {
            Reader reader = ahead;
            ahead = null;
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
        closeAhead();
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
                case WITHDRAWN -> isWithdrawn(path);
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
                return change.withAfter(withLearned(change.after(), known));
            }
            return change;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /** A change as the path, then each replica's state before, then after, then the replicas copied to. */
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
            out.writeLong(change.copiedTo());
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
            return new Change(path, before, after, in.readLong());
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
