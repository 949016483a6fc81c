package org.syncline.sync.exec;

/**
 * Receives progress while a plan executes: after each action and every few megabytes of a copy.
 * Called from several copy threads at once; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void progress(Progress progress);
}
