package org.syncline.sync.cli;

import org.syncline.sync.exec.Progress;
import org.syncline.sync.exec.ProgressListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a run for {@code syncline sync --progress}: a line on standard error at most once
 * per interval, each on its own line, so that it reads the same in a terminal, a log file and
 * through the engine. A run shorter than the interval prints none. Thread-safe: copy threads
 * report at once; the first to find the interval passed prints, the others return at once.
 *
 * <p>For example: {@code Progress: 4210 of 20451 actions, 312.4 of 1532.0 MB (20 %), 85.3 MB/s,
 * about 0:00:14 left, now reports/2026/q3.xlsx}
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter err;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private volatile long due;

    /** @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime} */
    ConsoleProgress(PrintWriter err, Duration interval, LongSupplier nanoTime) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.due = nanoTime.getAsLong() + intervalNanos;
    }

    @Override
    public void progress(Progress progress) {
        long now = nanoTime.getAsLong();
        if (now - due < 0) {
            return;
        }
        synchronized (this) {
            if (now - due < 0) {
                return;
            }
            due = now + intervalNanos;
            err.println(line(progress));
            err.flush();
        }
    }

    /** One line of progress. */
    static String line(Progress progress) {
        StringBuilder line = new StringBuilder("Progress: ").append(progress.filesDone()).append(" of ")
                .append(progress.filesTotal()).append(progress.filesTotal() == 1 ? " action" : " actions");
        if (progress.bytesTotal() > 0) {
            long percent = Math.min(100, progress.bytesDone() * 100 / progress.bytesTotal());
            line.append(String.format(Locale.ROOT, ", %.1f of %.1f MB (%d %%)", progress.bytesDone() / 1e6,
                    progress.bytesTotal() / 1e6, percent));
            if (progress.bytesPerSecond() > 0) {
                line.append(String.format(Locale.ROOT, ", %.1f MB/s", progress.bytesPerSecond() / 1e6));
                long left = Math.max(0, progress.bytesTotal() - progress.bytesDone());
                line.append(", about ").append(clock(Math.round(left / progress.bytesPerSecond()))).append(" left");
            }
        }
        if (!progress.currentFile().isEmpty()) {
            line.append(", now ").append(progress.currentFile());
        }
        return line.toString();
    }

    /** Seconds as hours:minutes:seconds, e.g. 0:01:05. */
    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
