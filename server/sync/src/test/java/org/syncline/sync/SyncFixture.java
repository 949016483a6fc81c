package org.syncline.sync;

import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.MemoryRunLog;
import org.syncline.sync.state.MemorySyncStateStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs jobs on real folders with in-memory state and run log, and a fixed clock. */
public final class SyncFixture {

    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

    public final MemorySyncStateStore state = new MemorySyncStateStore();
    public final MemoryRunLog runLog = new MemoryRunLog();
    private Instant now = NOW;

    /** Moves the fixture's clock on. */
    public void advance(java.time.Duration duration) {
        now = now.plus(duration);
    }

    public Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    public SyncRun.Result run(Rule rule, SyncOptions options, Filter filter, Path... paths) throws IOException {
        return new SyncRun(state, runLog, clock()).run(job(rule, options, filter, paths), open(paths),
                new Cancellation(), ProgressListener.NONE);
    }

    public SyncRun.Result run(Rule rule, SyncOptions options, Path... paths) throws IOException {
        return run(rule, options, Filter.ALL, paths);
    }

    /** A run of {@code job} on replicas a test made (wrapped, or of other kinds). */
    public SyncRun.Result run(SyncJob job, List<? extends Replica> replicas) throws IOException {
        return new SyncRun(state, runLog, clock()).run(job, replicas, new Cancellation(), ProgressListener.NONE);
    }

    /** A run that goes ahead although a path was emptied since the last sync. */
    public SyncRun.Result runAllowingEmptied(Rule rule, SyncOptions options, Path... paths) throws IOException {
        return new SyncRun(state, runLog, clock(), true).run(job(rule, options, Filter.ALL, paths), open(paths),
                new Cancellation(), ProgressListener.NONE);
    }

    public SyncRun.Result preview(Rule rule, SyncOptions options, Path... paths) throws IOException {
        return new SyncRun(state, runLog, clock()).preview(job(rule, options, Filter.ALL, paths), open(paths));
    }

    public static SyncJob job(Rule rule, SyncOptions options, Filter filter, Path... paths) {
        List<String> names = new ArrayList<>();
        for (Path path : paths) {
            names.add(path.toString());
        }
        return new SyncJob("job-" + rule, names, rule, filter, options);
    }

    public static List<Replica> open(Path... paths) throws IOException {
        List<Replica> replicas = new ArrayList<>();
        for (Path path : paths) {
            replicas.add(LocalReplica.open(path));
        }
        return replicas;
    }
}
