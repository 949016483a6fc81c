package org.syncline.sync.spill;

import org.junit.jupiter.api.Test;

import java.io.DataInput;
import java.io.File;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Values beyond the memory limit go to a temporary file and come back in order, as often as read. */
class SpillTest {

    private static final Spill.Codec<String> STRINGS = new Spill.Codec<>() {
        @Override
        public void write(DataOutput out, String value) throws IOException {
            Spill.writeString(out, value);
        }

        @Override
        public String read(DataInput in) throws IOException {
            return Spill.readString(in);
        }
    };

    @Test
    void valuesComeBackInOrderFromAnUnlinkedFileAndMemory() throws IOException {
        assumeTrue(File.separatorChar == '/', "Unix unlinks a file opened to be deleted on close at once");
        List<String> added = new ArrayList<>();
        Path file;
        try (Spill<String> spill = new Spill<>("test-values", 10, STRINGS)) {
            for (int i = 0; i < 25; i++) {
                String value = i % 5 == 0 ? null : "v\u00e9" + i;
                spill.add(value);
                added.add(value);
            }
            assertEquals(25, spill.size());
            file = spill.file();
            assertTrue(file != null, "the values beyond memory went to a temporary file");
            assertFalse(Files.exists(file), "whose name is gone at once: a killed run leaves nothing behind");
            for (int pass = 0; pass < 2; pass++) {
                List<String> read = new ArrayList<>();
                try (Spill.Reader<String> reader = spill.open()) {
                    reader.forEachRemaining(read::add);
                }
                assertEquals(added, read);
            }
        }
    }

    @Test
    void aSmallSpillNeverTouchesTheDisk() throws IOException {
        try (Spill<String> spill = new Spill<>("test-values", 10, STRINGS)) {
            spill.add("one");
            assertNull(spill.file());
            try (Spill.Reader<String> reader = spill.open()) {
                assertTrue(reader.hasNext());
                assertEquals("one", reader.next());
                assertFalse(reader.hasNext());
            }
        }
    }
}
