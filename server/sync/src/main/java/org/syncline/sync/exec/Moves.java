package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.MoveKey;
import org.syncline.sync.plan.Plan;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.PortableNames;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.spill.Spill;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Moved and renamed files, found in a plan: a file the plan removes from a path (a deletion or
 * archival) and a new file the plan copies to the same path, of the same size and time, are
 * likely one file moved or renamed on another path. The executor then tries to carry out the copy
 * by renaming the removed file, after checking that both hold the same bytes
 * ({@link ActionRunner#move}); the plan itself is unchanged (a preview shows the copy and the
 * deletion) and so is its outcome, only the copy's transfer and the removed file's archival are
 * saved. Where the bytes differ, or anything fails, the copy and the removal run as planned.
 *
 * <p>Two passes over the plan, and only when it both copies and removes files: the first keeps the
 * removals of files (at most {@link #MAX_CANDIDATES}), the second pairs the copies of new files with
 * them. A removal is held back (not run with the other removals) only while a copy may still take
 * its file; the folders above it are then removed after the moves. A removal is not a candidate
 * where the run creates a folder at its path or above it (a file that became a folder, or a folder
 * renamed in case only on a case-insensitive path): that folder is created before the moves.
 */
final class Moves {

    private static final Logger LOG = LoggerFactory.getLogger(Moves.class);

    /** Removals and copies kept in memory as candidates, each; beyond, the rest run as planned. */
    static final int MAX_CANDIDATES = 100_000;

    /** Candidates tried, at most, for one copy: each try reads both files. */
    static final int MAX_TRIES = 4;

    /** A copy that a rename may carry out, with the removals whose file may hold its content, best first. */
    record Candidate(Action copy, List<Action> removals) {
    }

    private static final Moves NONE = new Moves(List.of(), Set.of(), Set.of());

    private final List<Candidate> candidates;
    private final Set<String> heldRemovals;
    private final Set<String> foldersAbove;

    private Moves(List<Candidate> candidates, Set<String> heldRemovals, Set<String> foldersAbove) {
        this.candidates = candidates;
        this.heldRemovals = heldRemovals;
        this.foldersAbove = foldersAbove;
    }

    /** Finds the candidates of a plan; none when it does not both copy and remove files. */
    static Moves find(Plan plan, List<? extends Replica> replicas) throws IOException {
        if (plan.counts().get(ActionType.COPY) == 0 || plan.removals() == 0) {
            return NONE;
        }
        // Times within a granularity of one another are the same: a time's bucket of the coarsest
        // granularity and the two beside it hold every removal of the same time.
        long bucket = MoveKey.bucketOf(replicas);
        Map<MoveKey, List<Action>> removals = new HashMap<>();
        Set<String> createdFolders = new HashSet<>();
        int kept = 0;
        try (Spill.Reader<Action> actions = plan.openActions()) {
            while (actions.hasNext()) {
                Action action = actions.next();
                if (action.type() == ActionType.MKDIR) {
                    createdFolders.add(caseKey(action.target(), action.path()));
                } else if (action.removesFileWithContent() && kept < MAX_CANDIDATES) {
                    removals.computeIfAbsent(MoveKey.of(action.target(), action.expectedTarget(), bucket),
                            key -> new ArrayList<>()).add(action);
                    kept++;
                }
            }
        }
        if (kept == MAX_CANDIDATES) {
            LOG.info("The plan of job {} removes more than {} files: only the first are checked for moves",
                    plan.jobId(), MAX_CANDIDATES);
        }
        removals.values().forEach(list -> list.removeIf(removal -> createdAtOrAbove(createdFolders, removal)));
        if (removals.values().stream().allMatch(List::isEmpty)) {
            return NONE;
        }

        List<Candidate> candidates = new ArrayList<>();
        Set<String> held = new HashSet<>();
        Set<String> above = new HashSet<>();
        try (Spill.Reader<Action> actions = plan.openActions()) {
            while (actions.hasNext() && candidates.size() < MAX_CANDIDATES) {
                Action copy = actions.next();
                if (!copy.copiesNewFile()) {
                    continue;
                }
                List<Action> matching = matching(copy, removals, bucket, Math.max(
                        replicas.get(copy.source()).timeGranularityMillis(),
                        replicas.get(copy.target()).timeGranularityMillis()));
                if (!matching.isEmpty()) {
                    candidates.add(new Candidate(copy, matching));
                    for (Action removal : matching) {
                        if (held.add(key(removal.target(), removal.path()))) {
                            holdFoldersAbove(removal, above);
                        }
                    }
                }
            }
        }
        return new Moves(candidates, held, above);
    }

    /** The removals of the copy's size and time on its target, the same name first, at most {@link #MAX_TRIES}. */
    private static List<Action> matching(Action copy, Map<MoveKey, List<Action>> removals, long bucket,
                                         long granularity) {
        FileEntry file = copy.sourceEntry();
        String name = RelativePath.name(copy.path());
        long middle = Math.floorDiv(file.mtimeMillis(), bucket);
        List<Action> sameName = new ArrayList<>();
        List<Action> others = new ArrayList<>();
        for (long near = middle - 1; near <= middle + 1; near++) {
            for (Action removal : removals.getOrDefault(new MoveKey(copy.target(), file.size(), near), List.of())) {
                if (FileEntry.sameTime(removal.expectedTarget().mtimeMillis(), file.mtimeMillis(), granularity)) {
                    (RelativePath.name(removal.path()).equals(name) ? sameName : others).add(removal);
                }
            }
        }
        sameName.addAll(others);
        return List.copyOf(sameName.subList(0, Math.min(MAX_TRIES, sameName.size())));
    }

    /** Adds the folders above a held removal's file (on its target) to those whose removal waits for the moves. */
    private static void holdFoldersAbove(Action removal, Set<String> above) {
        for (String folder = RelativePath.parent(removal.path()); !folder.isEmpty(); folder = RelativePath.parent(folder)) {
            if (!above.add(key(removal.target(), folder))) {
                return;
            }
        }
    }

    /**
     * Tries to carry out each candidate copy by a rename ({@link RetryingStep#move}), several at once
     * (each reads two files), then runs the held removals whose file no copy took. A removal is
     * tried by one copy at a time; each copy tries its candidates best first.
     *
     * @return the copies done (by {@link #key})
     */
    Set<String> run(RetryingStep step, int threads) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> moved = ConcurrentHashMap.newKeySet();
        Set<Action> claimed = ConcurrentHashMap.newKeySet();
        Set<Action> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, candidates.size())),
                CopyBatches.daemon("syncline-move"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Candidate candidate : candidates) {
                running.add(pool.submit(() -> {
                    for (Action removal : candidate.removals()) {
                        if (!claimed.add(removal)) {
                            continue;
                        }
                        if (step.move(candidate.copy(), removal)) {
                            taken.add(removal);
                            moved.add(key(candidate.copy().target(), candidate.copy().path()));
                            return;
                        }
                        claimed.remove(removal);
                    }
                }));
            }
            running.forEach(CopyBatches::await);
        } finally {
            pool.shutdownNow();
        }
        Set<Action> held = new LinkedHashSet<>();
        candidates.forEach(candidate -> held.addAll(candidate.removals()));
        held.stream().filter(removal -> !taken.contains(removal)).forEach(step::run);
        return moved;
    }

    /** Whether this removal waits for the moves (a copy may take its file). */
    boolean held(Action removal) {
        return removal.removes() && heldRemovals.contains(key(removal.target(), removal.path()));
    }

    /** Whether this removal of a folder waits until after the moves: a held removal's file is inside it. */
    boolean holdsFolder(Action removal) {
        return !foldersAbove.isEmpty() && foldersAbove.contains(key(removal.target(), removal.path()));
    }

    /** Identifies an action's path on its target. */
    static String key(int target, String path) {
        return target + "\0" + path;
    }

    private static String caseKey(int target, String path) {
        return key(target, PortableNames.caseKey(path));
    }

    private static boolean createdAtOrAbove(Set<String> createdFolders, Action removal) {
        for (String path = removal.path(); !path.isEmpty(); path = RelativePath.parent(path)) {
            if (createdFolders.contains(caseKey(removal.target(), path))) {
                return true;
            }
        }
        return false;
    }
}
