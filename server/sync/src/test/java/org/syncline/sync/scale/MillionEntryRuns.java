package org.syncline.sync.scale;

import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileRunLog;
import org.syncline.sync.state.FileSyncStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What the child JVM of {@link MillionEntryStreamingTest} runs, with a small heap: a multi-mirror
 * job between two {@link SyntheticReplica}s of {@code folders} x {@code filesPerFolder} files, with
 * the interim state files in a folder. It runs the job twice on identical trees (the first run
 * saves the whole state, the second finds nothing to do), then previews it against a changed copy
 * of the second tree. Prints what it saw as {@code key=value} lines; the test judges them.
 *
 * <p>Arguments: state folder, folders, files per folder.
 */
public final class MillionEntryRuns {

    private MillionEntryRuns() {
    }

    public static void main(String[] args) throws IOException {
        Path stateDir = Path.of(args[0]);
        int folders = Integer.parseInt(args[1]);
        int filesPerFolder = Integer.parseInt(args[2]);
        FileSyncStateStore store = new FileSyncStateStore(stateDir);
        FileRunLog runLog = new FileRunLog(stateDir);
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        Replica a = new SyntheticReplica("a", folders, filesPerFolder, 0, 0);
        Replica b = new SyntheticReplica("b", folders, filesPerFolder, 0, 0);
        SyncJob job = new SyncJob("million", List.of(a.toString(), b.toString()), Rule.MULTI_MIRROR, Filter.ALL,
                SyncOptions.defaults());
        print("maxHeap", Runtime.getRuntime().maxMemory());

        for (String name : List.of("first", "again")) {
            SyncRun.Result result = new SyncRun(store, runLog, clock).run(job, List.of(a, b), new Cancellation(),
                    ProgressListener.NONE);
            print(name + ".scanned", result.summary().scanned());
            print(name + ".actions", result.plan().size());
            print(name + ".errors", result.summary().errors());
            print(name + ".snapshotBytes", Files.size(store.fileOf(job.id())));
            print(name + ".snapshotModified", Files.getLastModifiedTime(store.fileOf(job.id())).toMillis());
            print(name + ".journal", Files.exists(store.journalOf(job.id())) ? 1 : 0);
        }

        Replica changed = new SyntheticReplica("b", folders, filesPerFolder, 7, 11);
        long[] planned = new long[1];
        SyncRun.Result preview = new SyncRun(store, runLog, clock).preview(job, List.of(a, changed),
                action -> planned[0]++);
        print("preview.scanned", preview.plan().scanned());
        print("preview.planned", planned[0]);
        print("preview.kept", preview.plan().actions().size());
        print("preview.delete", preview.plan().counts().get(ActionType.DELETE));
        print("preview.copy", preview.plan().counts().get(ActionType.COPY));
    }

    private static void print(String key, long value) {
        System.out.println(key + "=" + value);
    }
}
