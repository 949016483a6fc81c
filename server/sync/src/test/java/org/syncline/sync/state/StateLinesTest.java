package org.syncline.sync.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncline.sync.replica.EntryType;

/** The base file's rows: what {@link StateLines#row} writes, {@link StateLines#parse} reads back, and a damaged row is refused. */
class StateLinesTest {

    @Test
    void aRowComesBackAsItWasWritten() {
        ReplicaState[] states = {new ReplicaState(EntryType.FILE, 12, 1_700_000_000_123L, "00ff"), null,
            new ReplicaState(EntryType.DIRECTORY, 0, -5, null)};
        String path = "dir\twith tab/na\\me\n";

        StateRow row = StateLines.parse(StateLines.row(path, states), 3);

        assertEquals(path, row.path());
        assertArrayEquals(states, row.states());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "path", "path\tF\t1\t2", "path\tF\t1\t2\th\textra", "path\tF\tx\t2\th", "path\tF\t1\t\th",
        "path\tFF\t1\t2\th", "path\t\t1\t2\th"})
    void aDamagedRowIsRefused(String line) {
        assertThrows(NumberFormatException.class, () -> StateLines.parse(line, 1));
    }
}
