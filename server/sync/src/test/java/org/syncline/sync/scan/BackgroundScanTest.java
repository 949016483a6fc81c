package org.syncline.sync.scan;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackgroundScanTest {

    @Test
    void keepsOrderAcrossChunks() {
        List<Integer> source = IntStream.range(0, BackgroundScan.CHUNK_SIZE * BackgroundScan.CHUNKS * 3 + 7)
                .boxed().toList();
        List<Integer> seen = new ArrayList<>();
        try (BackgroundScan<Integer> scan = new BackgroundScan<>(source.iterator(), "test")) {
            scan.forEachRemaining(seen::add);
            assertFalse(scan.hasNext());
        }
        assertEquals(source, seen);
    }

    @Test
    void rethrowsTheScannersFailureAfterTheEntriesBeforeIt() {
        Iterator<Integer> failing = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 3) {
                    throw new UncheckedIOException("cannot list the root", new java.io.IOException("gone"));
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        List<Integer> seen = new ArrayList<>();
        try (BackgroundScan<Integer> scan = new BackgroundScan<>(failing, "test")) {
            assertThrows(UncheckedIOException.class, () -> scan.forEachRemaining(seen::add));
        }
        assertEquals(List.of(0, 1, 2), seen);
    }

    @Test
    void closeStopsAScanThatIsNotConsumed() throws InterruptedException {
        Iterator<Integer> endless = IntStream.iterate(0, i -> i + 1).iterator();
        BackgroundScan<Integer> scan = new BackgroundScan<>(endless, "endless");
        assertEquals(0, scan.next());
        scan.close();
        Thread producer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("syncline-scan-endless")).findFirst().orElse(null);
        if (producer != null) {
            producer.join(2_000);
            assertFalse(producer.isAlive(), "the background thread ends after close");
        }
    }
}
