package org.syncline.sync.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <b>Interim</b> {@link RunLog} for the stand-alone command until the database adapter exists:
 * appends tab-separated lines to {@code <stateDir>/.syncline/<jobId>.runs.log}
 * ({@code RUN}, {@code FILE} and {@code END} records). Thread-safe.
 */
public final class FileRunLog implements RunLog {

    private final Path folder;
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis());
    private BufferedWriter writer;

    public FileRunLog(Path stateDir) {
        this.folder = stateDir.resolve(".syncline");
    }

    /** The file a job's runs are appended to. */
    public Path fileOf(String jobId) {
        return folder.resolve(FileSyncStateStore.safeName(jobId) + ".runs.log");
    }

    @Override
    public synchronized long runStarted(String jobId, Instant start, boolean preview) throws IOException {
        Files.createDirectories(folder);
        if (writer != null) {
            writer.close();
        }
        writer = Files.newBufferedWriter(fileOf(jobId), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        long id = nextId.getAndIncrement();
        line("RUN", id, start, jobId, preview ? "preview" : "run");
        return id;
    }

    @Override
    public synchronized void fileAction(long runId, FileAction action) throws IOException {
        line("FILE", runId, action.time(), action.action(), action.outcome(), action.replica(), action.path(),
                action.bytes(), action.message());
    }

    @Override
    public synchronized void runFinished(long runId, RunSummary summary) throws IOException {
        line("END", runId, summary.end(), "scanned=" + summary.scanned(), "copied=" + summary.copied(),
                "deleted=" + summary.deleted(), "archived=" + summary.archived(), "moved=" + summary.moved(),
                "conflicts=" + summary.conflicts(),
                "skipped=" + summary.skipped(), "errors=" + summary.errors(), "bytes=" + summary.bytes(),
                summary.cancelled() ? "cancelled: " + summary.message() : "completed");
        writer.close();
        writer = null;
    }

    private void line(Object... fields) throws IOException {
        StringBuilder line = new StringBuilder();
        for (Object field : fields) {
            if (!line.isEmpty()) {
                line.append('\t');
            }
            line.append(String.valueOf(field).replace('\t', ' ').replace('\n', ' '));
        }
        writer.write(line.append('\n').toString());
    }
}
