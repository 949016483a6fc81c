package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.syncline.sync.replica.EntryType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
            assertEquals(1, changes.learnedPending(), "a path the plan does not change stays pending");
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
