package org.syncline.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.syncline.sync.SystemProperties;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.state.ReplicaState;

/**
 * The synchronized state of job paths kept in memory between runs by a long-running process (the
 * engine), so that a run reads from the database only the generation of each path (one query)
 * instead of every state row (one query per folder and path; on the benchmark's 20,000 files,
 * 0.07-0.15 s of a run that changes nothing, most of its planning).
 *
 * <p>A path's copy is exact or absent: it holds every row the database holds for the path, at the
 * path's generation ({@link org.syncline.persistence.ReplicaStateStore#generations}), which every
 * transaction changing the path's rows raises. A copy is made by a run's reading of the saved
 * state, only when the generation was the same before and after the reading and the rows read are
 * all the path's rows (a row the reading could not reach, below a folder without state, would be
 * missing); it follows a run's own commit when that commit raised the generation by exactly one
 * (no other writer came between); anything else forgets it, and the next run reads the database.
 *
 * <p>Bounded by a number of rows across all paths ({@value #MAX_ROWS_PROPERTY}; by default an
 * eighth of the heap at {@value #BYTES_PER_ROW} bytes per row): the paths used longest ago are
 * forgotten first, and a path larger than the bound is not kept. Thread-safe.
 */
public final class SavedStateCache {

    /** System property: how many state rows the engine keeps in memory at most (0: none). */
    public static final String MAX_ROWS_PROPERTY = "syncline.savedStateCache.maxRows";
    /**
     * Heap per kept row (map entry, relative path, state, hash): measured 202-218 bytes with
     * 22-character paths and 16-digit hashes (200,000 and 1,000,000 rows); rounded up for longer paths.
     */
    static final int BYTES_PER_ROW = 240;

    /** A path's kept rows: folder → (relative path → state); replaced whole, never changed in place once shared. */
    private static final class Copy {
        final long generation;
        final Map<String, Map<String, ReplicaState>> folders;
        final long rows;

        Copy(long generation, Map<String, Map<String, ReplicaState>> folders, long rows) {
            this.generation = generation;
            this.folders = folders;
            this.rows = rows;
        }
    }

    /** Changes of one path made by a transaction, in order; {@code null} state for a deletion. */
    public static final class Changes {
        private final List<String> paths = new ArrayList<>();
        private final List<ReplicaState> states = new ArrayList<>();

        void put(String relativePath, ReplicaState state) {
            paths.add(relativePath);
            states.add(state);
        }

        int size() {
            return paths.size();
        }
    }

    private final long maxRows;
    private final LinkedHashMap<Long, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    private long rows;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong read = new AtomicLong();

    /** @param maxRows how many rows it keeps at most, over all paths (0: none) */
    public SavedStateCache(long maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative: " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /** A cache of the size {@value #MAX_ROWS_PROPERTY} asks for, else an eighth of this process's heap. */
    public static SavedStateCache sizedForHeap() {
        return new SavedStateCache(SystemProperties.wholeNumber(MAX_ROWS_PROPERTY, 0,
                Runtime.getRuntime().maxMemory() / 8 / BYTES_PER_ROW, "rows"));
    }

    /** How many rows it keeps at most. */
    long maxRows() {
        return maxRows;
    }

    /** How much it holds and how often runs were served from it; for the engine's health report. */
    public record Status(int paths, long rows, long maxRows, long foldersServed, long foldersRead) {
    }

    public synchronized Status status() {
        return new Status(copies.size(), rows, maxRows, served.get(), read.get());
    }

    /**
     * The kept rows of one path's folder, or {@code null} when the path is not kept at
     * {@code generation} (then the caller reads the database).
     */
    Map<String, ReplicaState> children(long pathId, long generation, String folder) {
        Copy copy;
        synchronized (this) {
            copy = copies.get(pathId);
        }
        if (copy == null || copy.generation != generation) {
            return null;
        }
        served.incrementAndGet();
        return copy.folders.getOrDefault(folder, Map.of());
    }

    /**
     * Whether the path is kept at {@code generation}, the database's now; a copy of an older
     * generation is forgotten, as it can never be served again.
     */
    synchronized boolean holds(long pathId, long generation) {
        Copy copy = copies.get(pathId);
        if (copy != null && copy.generation != generation) {
            forget(pathId);
            return false;
        }
        return copy != null;
    }

    /** Counts a folder read from the database (for {@link #status}). */
    void countRead() {
        read.incrementAndGet();
    }

    /**
     * Keeps the rows a run read of one path: {@code folders} must hold every row the database holds
     * for the path at {@code generation} (the caller checked); replaces what was kept of it.
     */
    void keep(long pathId, long generation, Map<String, Map<String, ReplicaState>> folders) {
        long count = 0;
        for (Map<String, ReplicaState> folder : folders.values()) {
            count += folder.size();
        }
        put(pathId, new Copy(generation, folders, count));
    }

    /**
     * Follows a commit of {@code changes} to a path that was kept at {@code before} and is at
     * {@code after} now: applied when {@code after == before + 1} (the commit was the only change
     * between), else the path is forgotten.
     */
    void committed(long pathId, long before, long after, Changes changes) {
        Copy copy;
        synchronized (this) {
            copy = copies.get(pathId);
        }
        if (copy == null || copy.generation != before || after != before + 1 || changes == null
                || copy.rows + changes.size() > maxRows) {
            forget(pathId);
            return;
        }
        Map<String, Map<String, ReplicaState>> folders = new HashMap<>(copy.folders);
        Map<String, Map<String, ReplicaState>> copied = new HashMap<>();
        long count = copy.rows;
        for (int i = 0; i < changes.paths.size(); i++) {
            String path = changes.paths.get(i);
            String folder = RelativePath.parent(path);
            Map<String, ReplicaState> rows = copied.get(folder);
            if (rows == null) {
                rows = new HashMap<>(folders.getOrDefault(folder, Map.of()));
                copied.put(folder, rows);
                folders.put(folder, rows);
            }
            ReplicaState state = changes.states.get(i);
            boolean had = state == null ? rows.remove(path) != null : rows.put(path, state) != null;
            count += state == null ? (had ? -1 : 0) : (had ? 0 : 1);
        }
        folders.values().removeIf(Map::isEmpty);
        put(pathId, new Copy(after, folders, count));
    }

    /** Forgets a path (its next run reads the database). */
    synchronized void forget(long pathId) {
        Copy gone = copies.remove(pathId);
        if (gone != null) {
            rows -= gone.rows;
        }
    }

    private synchronized void put(long pathId, Copy copy) {
        forget(pathId);
        if (copy.rows > maxRows) {
            return;
        }
        copies.put(pathId, copy);
        rows += copy.rows;
        Iterator<Map.Entry<Long, Copy>> oldest = copies.entrySet().iterator();
        while (rows > maxRows && oldest.hasNext()) {
            Map.Entry<Long, Copy> entry = oldest.next();
            if (entry.getKey() != pathId) {
                rows -= entry.getValue().rows;
                oldest.remove();
            }
        }
    }
}
