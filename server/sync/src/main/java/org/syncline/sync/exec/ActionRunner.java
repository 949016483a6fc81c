package org.syncline.sync.exec;

import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.ContentMismatchException;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Performs single actions on replicas. Every change first checks that its target still is what the
 * plan saw (a file edited since the scan is never overwritten or deleted) and every copy checks that
 * its source is unchanged before and after reading it. Thread-safe if the replicas are.
 */
final class ActionRunner {

    private final List<? extends Replica> replicas;
    private final Archiver archiver;
    private final Instant runStart;
    private final boolean copyPermissions;
    private final Cancellation cancellation;

    ActionRunner(List<? extends Replica> replicas, Archiver archiver, Instant runStart, boolean copyPermissions,
                 Cancellation cancellation) {
        this.replicas = replicas;
        this.archiver = archiver;
        this.runStart = runStart;
        this.copyPermissions = copyPermissions;
        this.cancellation = cancellation;
    }

    /** Copies a file completely (staged, forced, committed); returns the bytes written. */
    long copy(Action action, SourceStream.ByteCounter counter) throws IOException {
        Replica target = replicas.get(action.target());
        StagedWrite staged = stage(action, counter);
        try {
            target.force(staged);
        } catch (IOException | RuntimeException e) {
            target.discard(staged);
            throw e;
        }
        return commit(action, staged);
    }

    /**
     * First half of a copy: checks source and target against the plan, then stages the content on
     * the target ({@link Replica#stage}); nothing at the path changes yet.
     */
    StagedWrite stage(Action action, SourceStream.ByteCounter counter) throws IOException {
        Replica source = replicas.get(action.source());
        Replica target = replicas.get(action.target());
        FileEntry expected = action.sourceEntry();
        FileEntry current = source.stat(action.path()).orElseThrow(() -> new NoSuchFileException(
                source + "/" + action.path(), null, "vanished since the scan"));
        if (!current.sameContentAs(expected.withHash(null))) {
            throw new ContentMismatchException("changed on " + source + " since the scan; the next run will take it");
        }
        requireTargetAsPlanned(target, action);
        String parent = RelativePath.parent(action.path());
        if (!parent.isEmpty() && target.stat(parent).isEmpty()) {
            target.mkdirs(parent);
        }
        WriteRequest request = WriteRequest.copyOf(expected);
        if (!copyPermissions) {
            request = request.withoutMode();
        }
        if (action.archiveReplaced() && action.expectedTarget() != null) {
            request = request.preservingReplacedAs(archiver.archivePathOf(action.path(), runStart));
        }
        try (InputStream in = new SourceStream(source.openRead(action.path()), cancellation, counter,
                () -> requireUnchanged(source, action.path(), current))) {
            return target.stage(action.path(), in, request);
        }
    }

    /**
     * Second half of a copy, after {@link Replica#force}: checks once more that the target is still
     * what the plan saw, then renames the staged file into place. On failure the staged file is
     * discarded and the target is untouched. Returns the bytes written.
     */
    long commit(Action action, StagedWrite staged) throws IOException {
        Replica target = replicas.get(action.target());
        try {
            requireTargetAsPlanned(target, action);
        } catch (IOException | RuntimeException e) {
            target.discard(staged);
            throw e;
        }
        return target.commit(staged).size();
    }

    void mkdir(Action action) throws IOException {
        replicas.get(action.target()).mkdirs(action.path());
    }

    void delete(Action action) throws IOException {
        Replica target = replicas.get(action.target());
        requireTargetAsPlanned(target, action);
        target.delete(action.path());
    }

    /** Moves the target to the archive; returns the archive path. */
    String archive(Action action) throws IOException {
        Replica target = replicas.get(action.target());
        requireTargetAsPlanned(target, action);
        String archivePath = archiver.archivePathOf(action.path(), runStart);
        target.mkdirs(RelativePath.parent(archivePath));
        target.rename(action.path(), archivePath);
        return archivePath;
    }

    void renameToConflictCopy(Action action) throws IOException {
        Replica target = replicas.get(action.target());
        requireTargetAsPlanned(target, action);
        target.rename(action.path(), action.newPath());
    }

    void setAttributes(Action action) throws IOException {
        FileEntry source = action.sourceEntry();
        replicas.get(action.target()).setAttributes(action.path(), source.mtimeMillis(),
                copyPermissions ? source.mode() : FileEntry.UNKNOWN_MODE);
    }

    private static void requireTargetAsPlanned(Replica target, Action action) throws IOException {
        Optional<FileEntry> now = target.stat(action.path());
        FileEntry expected = action.expectedTarget();
        boolean asPlanned = expected == null ? now.isEmpty()
                : now.isPresent() && now.get().sameContentAs(expected.withHash(null));
        if (!asPlanned) {
            throw new ContentMismatchException("changed on " + target + " since the scan; left as it is, "
                    + "the next run will take it");
        }
    }

    private static void requireUnchanged(Replica source, String path, FileEntry before) throws IOException {
        Optional<FileEntry> after = source.stat(path);
        if (after.isEmpty() || !after.get().sameContentAs(before)) {
            throw new ContentMismatchException("changed on " + source + " while it was being copied; "
                    + "the target was left as it was");
        }
    }
}
