package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.syncline.sync.replica.EntryType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateChangesTest {

    @Test
    void changesBeyondWhatMemoryKeepsComeBackAsTheyWereWithEveryKindOfEntry() throws IOException {
        int rows = StateChanges.MEMORY_ROWS * 2 + 3;
        List<StateChanges.Change> added = new ArrayList<>();
        try (StateChanges changes = new StateChanges(2)) {
            for (int i = 0; i < rows; i++) {
                String path = String.format("f%06d", i);
                ReplicaState[] before = {null, new ReplicaState(EntryType.FILE, i, 1_000L + i, i % 2 == 0 ? null : "00ff")};
                ReplicaState[] after = {state(i), state(i + 1)};
                changes.add(path, before, after);
                added.add(new StateChanges.Change(path, before, after));
            }
            try (StateChanges.Reader reader = changes.open()) {
                for (StateChanges.Change expected : added) {
                    StateChanges.Change read = reader.next();
                    assertEquals(expected.path(), read.path());
                    assertArrayEquals(expected.before(), read.before(), expected.path());
                    assertArrayEquals(expected.after(), read.after(), expected.path());
                }
                assertEquals(false, reader.hasNext());
            }
        }
    }

    @Test
    void hashesLearnedByCopiesGoToTheStatesOfTheVersionTheyWrote() throws IOException {
        ReplicaState written = new ReplicaState(EntryType.FILE, 10, 5_000L, null);
        ReplicaState other = new ReplicaState(EntryType.FILE, 10, 6_000L, null);
        try (StateChanges changes = new StateChanges(3)) {
            changes.add("copied", new ReplicaState[3], new ReplicaState[] {written, written, other});
            changes.add("edited-since", new ReplicaState[3], new ReplicaState[] {written, written, null});
            ReplicaState savedBefore = new ReplicaState(EntryType.FILE, 10, 5_000L, "00000000000000ff");
            changes.add("saved-before", new ReplicaState[3], new ReplicaState[] {savedBefore, written, null});
            changes.add("withdrawn", new ReplicaState[3], new ReplicaState[] {written, written, null});
            ReplicaState hashed = new ReplicaState(EntryType.FILE, 10, 5_000L, "00000000000000aa");
            changes.learn("copied", hashed, 0, 1);
            changes.learn("copied", hashed, 0, 2); // the same version written to path 2 as well, which holds another
            changes.learn("edited-since", new ReplicaState(EntryType.FILE, 11, 5_000L, "00000000000000bb"), 0, 1);
            changes.learn("withdrawn", hashed, 0, 1);
            changes.learn("saved-before", hashed, 0, 1);
            changes.learn("not-planned", hashed, 0, 1);
            changes.withdraw("withdrawn");

            try (StateChanges.Reader reader = changes.open()) {
                StateChanges.Change copied = reader.next();
                assertArrayEquals(new ReplicaState[] {hashed, hashed, other}, copied.after(),
                        "the hash goes where that version is to be saved, only there");
                assertArrayEquals(new ReplicaState[] {written, written, null}, reader.next().after(),
                        "a hash of another version is not taken");
                assertArrayEquals(new ReplicaState[] {hashed, hashed, null}, reader.next().after(),
                        "the hash read now replaces one saved before");
                assertFalse(reader.hasNext(), "withdrawn and unplanned paths are not saved");
            }
            try (StateChanges.Reader all = changes.openAll()) {
                assertArrayEquals(new ReplicaState[] {written, written, other}, all.next().after(),
                        "what a store writes ahead is the plan");
            }

            TableStore store = new TableStore(changes);
            assertEquals(4, changes.writeAhead(store, true));
            assertEquals(List.of("copied", "edited-since", "saved-before", "withdrawn"), store.order,
                    "withdrawn too: the store takes those back after");
            assertArrayEquals(new ReplicaState[] {hashed, hashed, other}, store.rows.get("copied"));
            assertArrayEquals(new ReplicaState[] {written, written, null}, store.rows.get("edited-since"));
            assertEquals(0, changes.writeAhead(store, true), "each change once");
            assertEquals(0, changes.learnedPending(), "a path the plan does not change has nothing to save");
        }
    }

    @Test
    void aCopiedFilesStatesAreWrittenAheadOnceItsCopiesLearnedTheHash() throws IOException {
        ReplicaState folder = new ReplicaState(EntryType.DIRECTORY, 0, 1_000L, null);
        try (StateChanges changes = new StateChanges(3)) {
            changes.add("d", new ReplicaState[3], new ReplicaState[] {folder, folder, folder});
            for (String name : List.of("d/a", "d/b", "d/c", "d/d", "d/e")) {
                changes.add(name, new ReplicaState[3], new ReplicaState[] {file(name, null), file(name, null),
                        file(name, null)}, 0b110);
            }
            changes.add("d/f", new ReplicaState[3], new ReplicaState[] {folder, folder, folder});
            TableStore store = new TableStore(changes);

            assertEquals(2, changes.writeAhead(store, false));
            assertEquals(List.of("d", "d/f"), store.order, "what no copy learns is written at once");
            changes.learn("d/a", file("d/a", "00000000000000aa"), 0, 1);
            changes.learn("d/b", file("d/b", "00000000000000bb"), 0, 1);
            changes.learn("d/b", file("d/b", "00000000000000bb"), 0, 2);
            changes.learn("d/c", file("d/c", "00000000000000cc"), 0, 1, 2);
            changes.learn("d/e", file("d/e", "00000000000000ee"), 0, 1, 2);
            changes.withdraw("d/e");
            assertEquals(2, changes.writeAhead(store, false));
            assertEquals(Set.of("d", "d/f", "d/b", "d/c"), Set.copyOf(store.order), "once all its copies learned");
            assertArrayEquals(new ReplicaState[] {file("d/b", "00000000000000bb"), file("d/b", "00000000000000bb"),
                    file("d/b", "00000000000000bb")}, store.rows.get("d/b"));

            changes.withdraw("d/d");
            assertEquals(1, changes.writeAhead(store, true));
            assertArrayEquals(new ReplicaState[] {file("d/a", "00000000000000aa"), file("d/a", "00000000000000aa"),
                    file("d/a", null)}, store.rows.get("d/a"), "when the run executed, as far as its copies learned");
            assertFalse(store.rows.containsKey("d/d"), "a withdrawn change held back is not written");
            assertFalse(store.rows.containsKey("d/e"), "nor is one whose copies learned before it was withdrawn");
            assertEquals(5, store.order.size(), "each written once");
            assertEquals(0, changes.learnedPending());
        }
    }

    @Test
    void hashesLearnedInAnyOrderAcrossManyCallsHaveTheirStatesWrittenOnceWithThem() throws IOException {
        int rows = StateChanges.AHEAD_KEPT * 3;
        try (StateChanges changes = new StateChanges(2)) {
            for (int i = 0; i < rows; i++) {
                ReplicaState planned = new ReplicaState(EntryType.FILE, i, 1_000L + i, null);
                changes.add(String.format("f%06d", i), new ReplicaState[2], new ReplicaState[] {planned, planned}, 0b10);
            }
            // Copies end about in order, a batch's in any order; one copy of the first batch ends last of all.
            List<Integer> order = new ArrayList<>();
            for (int batch = 0; batch < rows; batch += 512) {
                List<Integer> copies = new ArrayList<>();
                for (int i = batch; i < Math.min(rows, batch + 512); i++) {
                    if (i != 7) {
                        copies.add(i);
                    }
                }
                Collections.shuffle(copies, new Random(batch));
                order.addAll(copies);
            }
            order.add(7);
            TableStore store = new TableStore(changes);
            int calls = 0;
            for (int n = 0; n < order.size(); n++) {
                int i = order.get(n);
                changes.learn(String.format("f%06d", i), hashed(i), 0, 1);
                if (n % 300 == 299) {
                    calls++;
                    changes.writeAhead(store, false);
                    assertTrue(store.rows.size() <= n + 1 + StateChanges.AHEAD_KEPT, "paced by the copies");
                }
            }
            changes.writeAhead(store, true);
            for (int i = 0; i < rows; i++) {
                String path = String.format("f%06d", i);
                assertArrayEquals(new ReplicaState[] {hashed(i), hashed(i)}, store.rows.get(path), path);
                assertEquals(1, store.writes.get(path), path + ": written once, with its hash (held back as long as"
                        + " its copy ran, however late it ended)");
            }
            assertEquals(0, changes.learnedPending());
            assertEquals(0, changes.writeAhead(store, true));
            assertTrue(calls > 30);
        }
    }

    @Test
    void copiesLearningOutOfTheChangesOrderHaveTheirStatesWrittenAheadAllTheSame() throws IOException {
        int rows = StateChanges.AHEAD_KEPT * 2 + 100;
        try (StateChanges changes = new StateChanges(2)) {
            for (int i = 0; i < rows; i++) {
                ReplicaState planned = new ReplicaState(EntryType.FILE, i, 1_000L + i, null);
                changes.add(String.format("f%06d", i), new ReplicaState[2], new ReplicaState[] {planned, planned}, 0b10);
            }
            TableStore store = new TableStore(changes);
            changes.writeAhead(store, false);
            assertEquals(0, store.rows.size(), "waiting for the copies");
            for (int i = rows - 1; i >= 0; i--) {
                changes.learn(String.format("f%06d", i), hashed(i), 0, 1);
                if (i % 500 == 0) {
                    changes.writeAhead(store, false);
                    assertTrue(store.rows.size() >= rows - StateChanges.AHEAD_KEPT, "the last copies first: the"
                            + " writer goes on to them, writing the first changes as planned");
                }
            }
            changes.writeAhead(store, true);
            for (int i = 0; i < rows; i++) {
                assertArrayEquals(new ReplicaState[] {hashed(i), hashed(i)}, store.rows.get(String.format("f%06d", i)));
            }
        }
    }

    /**
     * A store that holds the states {@link StateChanges#writeAhead} writes, and checks that each
     * write starts from what it holds.
     */
    private static final class TableStore implements StateChanges.StateWrite {

        final Map<String, ReplicaState[]> rows = new HashMap<>();
        final Map<String, Integer> writes = new HashMap<>();
        final List<String> order = new ArrayList<>();
        private final Map<String, ReplicaState[]> before = new HashMap<>();

        TableStore(StateChanges changes) throws IOException {
            try (StateChanges.Reader all = changes.openAll()) {
                all.forEachRemaining(change -> before.put(change.path(), change.before()));
            }
        }

        @Override
        public void write(String path, ReplicaState[] from, ReplicaState[] to) {
            assertArrayEquals(rows.getOrDefault(path, before.get(path)), from, path);
            rows.put(path, to);
            order.add(path);
            writes.merge(path, 1, Integer::sum);
        }
    }

    private static ReplicaState file(String name, String hash) {
        return new ReplicaState(EntryType.FILE, name.length(), 5_000L + name.charAt(name.length() - 1), hash);
    }

    private static ReplicaState hashed(int i) {
        return new ReplicaState(EntryType.FILE, i, 1_000L + i, String.format("%016x", i));
    }

    private static ReplicaState state(int i) {
        return switch (i % 3) {
            case 0 -> new ReplicaState(EntryType.DIRECTORY, 0, 2_000L + i, null);
            case 1 -> new ReplicaState(EntryType.SYMLINK, 11, 3_000L + i, "0123456789abcdef");
            default -> new ReplicaState(EntryType.FILE, i, 4_000L + i, "fedcba9876543210");
        };
    }
}
