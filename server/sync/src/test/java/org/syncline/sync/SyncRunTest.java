package org.syncline.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.MemoryRunLog;
import org.syncline.sync.state.MemorySyncStateStore;
import org.syncline.sync.state.RunSummary;
import org.syncline.sync.state.SavedState;
import org.syncline.sync.state.StateChanges;
import org.syncline.sync.state.SyncStateStore;

class SyncRunTest {

    @Test
    void aRunWhoseStateCannotBeSavedIsLoggedAsFinishedWithThatErrorAndFails() throws IOException {
        MemoryReplica source = new MemoryReplica("source");
        MemoryReplica target = new MemoryReplica("target");
        byte[] content = "quarterly figures".getBytes(StandardCharsets.UTF_8);
        source.write("report.txt", new ByteArrayInputStream(content), new WriteRequest(content.length, null, 1_700_000_000_000L, 0644, null));
        MemorySyncStateStore memory = new MemorySyncStateStore();
        SyncStateStore refusing = new SyncStateStore() {
            @Override
            public SavedState read(String jobId, List<String> replicaIds) {
                return memory.read(jobId, replicaIds);
            }

            @Override
            public void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
                throw new IOException("the claim on job 'docs' is not this run's any more");
            }
        };
        MemoryRunLog log = new MemoryRunLog();
        SyncJob job = new SyncJob("docs", List.of("source", "target"), Rule.MIRROR, Filter.ALL, SyncOptions.defaults());

        IOException failure = assertThrows(IOException.class, () -> new SyncRun(refusing, log, new SyncFixture().clock())
                .run(job, List.of(source, target), new Cancellation(), ProgressListener.NONE));

        assertEquals("the claim on job 'docs' is not this run's any more", failure.getMessage());
        RunSummary logged = log.summary(log.lastRunId());
        assertEquals(1, logged.copied(), "what was done stays done and is counted");
        assertEquals(1, logged.errors());
        assertTrue(logged.message().startsWith("the synchronized state was not saved: the claim on job"), logged.message());
        assertTrue(target.stat("report.txt").isPresent());
    }
}
