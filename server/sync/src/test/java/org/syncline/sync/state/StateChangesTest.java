package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.syncline.sync.replica.EntryType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

            List<String> drained = new ArrayList<>();
            assertEquals(3, changes.drainLearned((path, planned, learned) -> {
                drained.add(path);
                if (path.equals("copied")) {
                    assertArrayEquals(new ReplicaState[] {written, written, other}, planned);
                    assertArrayEquals(new ReplicaState[] {hashed, hashed, other}, learned);
                }
            }));
            assertEquals(List.of("copied", "saved-before", "withdrawn"), drained,
                    "withdrawn too: the store takes those back after");
            assertEquals(0, changes.drainLearned((path, planned, learned) -> drained.add(path)), "each hash once");
            assertEquals(0, changes.learnedPending(), "a path the plan does not change has nothing to save");
        }
    }

    @Test
    void hashesLearnedInAnyOrderAcrossManyDrainsAreEachHandedOverOnceWithTheirPlannedStates() throws IOException {
        int rows = StateChanges.PASSED_KEPT * 3;
        try (StateChanges changes = new StateChanges(2)) {
            for (int i = 0; i < rows; i++) {
                ReplicaState planned = new ReplicaState(EntryType.FILE, i, 1_000L + i, null);
                changes.add(String.format("f%06d", i), new ReplicaState[2], new ReplicaState[] {planned, planned});
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
                java.util.Collections.shuffle(copies, new java.util.Random(batch));
                order.addAll(copies);
            }
            order.add(7);
            java.util.Map<String, Integer> handed = new java.util.HashMap<>();
            int drains = 0;
            for (int n = 0; n < order.size(); n++) {
                int i = order.get(n);
                changes.learn(String.format("f%06d", i),
                        new ReplicaState(EntryType.FILE, i, 1_000L + i, String.format("%016x", i)), 0, 1);
                if (n % 300 == 299 || n == order.size() - 1) {
                    drains++;
                    changes.drainLearned((path, planned, learned) -> {
                        int i2 = Integer.parseInt(path.substring(1));
                        assertEquals(new ReplicaState(EntryType.FILE, i2, 1_000L + i2, null), planned[0], path);
                        assertEquals(String.format("%016x", i2), learned[1].hash(), path);
                        handed.merge(path, 1, Integer::sum);
                    });
                }
            }
            assertEquals(rows, handed.size(), "every learned hash handed over");
            assertEquals(java.util.Set.of(1), java.util.Set.copyOf(handed.values()), "each once");
            assertEquals(0, changes.learnedPending());
            assertEquals(0, changes.drainLearned((path, planned, learned) -> handed.merge(path, 1, Integer::sum)));
            assertTrue(drains > 30);
        }
    }

    private static ReplicaState state(int i) {
        return switch (i % 3) {
            case 0 -> new ReplicaState(EntryType.DIRECTORY, 0, 2_000L + i, null);
            case 1 -> new ReplicaState(EntryType.SYMLINK, 11, 3_000L + i, "0123456789abcdef");
            default -> new ReplicaState(EntryType.FILE, i, 4_000L + i, "fedcba9876543210");
        };
    }
}
