package org.syncline.sync.state;

import org.junit.jupiter.api.Test;
import org.syncline.sync.replica.EntryType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static ReplicaState state(int i) {
        return switch (i % 3) {
            case 0 -> new ReplicaState(EntryType.DIRECTORY, 0, 2_000L + i, null);
            case 1 -> new ReplicaState(EntryType.SYMLINK, 11, 3_000L + i, "0123456789abcdef");
            default -> new ReplicaState(EntryType.FILE, i, 4_000L + i, "fedcba9876543210");
        };
    }
}
