package org.syncline.sync.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RunLog} in memory, for tests: keeps every run with its actions and summary. Thread-safe. */
public final class MemoryRunLog implements RunLog {

    /** One recorded run. */
    public record Run(long id, String jobId, Instant start, boolean preview, List<FileAction> actions,
                      RunSummary[] summary) {
    }

    private final Map<Long, Run> runs = new ConcurrentHashMap<>();

    @Override
    public synchronized long runStarted(String jobId, Instant start, boolean preview) {
        long id = runs.size() + 1L;
        runs.put(id, new Run(id, jobId, start, preview, new ArrayList<>(), new RunSummary[1]));
        return id;
    }

    @Override
    public synchronized void fileAction(long runId, FileAction action) {
        runs.get(runId).actions().add(action);
    }

    @Override
    public synchronized void runFinished(long runId, RunSummary summary) {
        runs.get(runId).summary()[0] = summary;
    }

    /** The actions of a run, in the order they were logged. */
    public synchronized List<FileAction> actions(long runId) {
        return List.copyOf(runs.get(runId).actions());
    }

    /** The summary of a finished run. */
    public synchronized RunSummary summary(long runId) {
        return runs.get(runId).summary()[0];
    }

    /** Id of the latest run. */
    public synchronized long lastRunId() {
        return runs.size();
    }
}
