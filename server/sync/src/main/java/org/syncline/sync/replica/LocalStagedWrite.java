package org.syncline.sync.replica;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StagedWrite} of a {@link LocalReplica}: where the temporary file is, where it goes, and
 * whether it was forced. Safe to hand between threads (the forced flag is volatile).
 */
final class LocalStagedWrite implements StagedWrite {

    private final LocalReplica replica;
    private final String path;
    private final Path temp;
    private final Path target;
    private final String preserveReplacedAs;
    private final boolean lockReplaced;
    private final WriteResult result;
    private final boolean link;
    private volatile boolean forced;
    private final AtomicBoolean settled = new AtomicBoolean();

    /** @param link whether the temporary entry is a symbolic link ({@link LocalReplica#stageLink}) */
    LocalStagedWrite(LocalReplica replica, String path, Path temp, Path target, String preserveReplacedAs,
                     boolean lockReplaced, WriteResult result, boolean link) {
        this.replica = replica;
        this.path = path;
        this.temp = temp;
        this.target = target;
        this.preserveReplacedAs = preserveReplacedAs;
        this.lockReplaced = lockReplaced;
        this.result = result;
        this.link = link;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public WriteResult result() {
        return result;
    }

    LocalReplica replica() {
        return replica;
    }

    Path temp() {
        return temp;
    }

    Path target() {
        return target;
    }

    String preserveReplacedAs() {
        return preserveReplacedAs;
    }

    boolean lockReplaced() {
        return lockReplaced;
    }

    boolean link() {
        return link;
    }

    boolean forced() {
        return forced;
    }

    void markForced() {
        forced = true;
    }

    /** Whether this is the first call: the write was forced or discarded, its bytes no longer wait to be written. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }
}
