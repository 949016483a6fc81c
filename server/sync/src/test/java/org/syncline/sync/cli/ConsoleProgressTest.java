package org.syncline.sync.cli;

import org.junit.jupiter.api.Test;
import org.syncline.sync.exec.Progress;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong(5 * SECOND);

    @Test
    void aLineAtMostOncePerIntervalAndNoneBeforeTheFirstHasPassed() {
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), Duration.ofSeconds(1), now::get);
        report(progress, 500_000_000L, 1);
        report(progress, 400_000_000L, 2);
        assertEquals("", err.toString(), "0.9 s after the start");
        report(progress, 100_000_000L, 3);
        report(progress, 900_000_000L, 4);
        report(progress, 200_000_000L, 5);
        report(progress, 1, 6);
        assertEquals("""
                Progress: 3 of 10 actions, now file-3
                Progress: 5 of 10 actions, now file-5
                """, err.toString());
    }

    @Test
    void aLineSaysBytesRateAndTimeLeftWhenThePlanCopies() {
        assertEquals("Progress: 4210 of 20451 actions, 312.4 of 1532.0 MB (20 %), 85.3 MB/s, about 0:00:14 left, now reports/q3.xlsx",
                ConsoleProgress.line(new Progress(4210, 20451, 312_400_000, 1_532_000_000, 85_300_000, "reports/q3.xlsx")));
        assertEquals("Progress: 1 of 1 action, 0.0 of 7200.0 MB (0 %), 1.0 MB/s, about 2:00:00 left",
                ConsoleProgress.line(new Progress(1, 1, 0, 7_200_000_000L, 1_000_000, "")));
        assertEquals("Progress: 2 of 5 actions, now old/notes.txt",
                ConsoleProgress.line(new Progress(2, 5, 0, 0, 0, "old/notes.txt")));
    }

    private void report(ConsoleProgress progress, long after, int filesDone) {
        now.addAndGet(after);
        progress.progress(new Progress(filesDone, 10, 0, 0, 0, "file-" + filesDone));
    }
}
