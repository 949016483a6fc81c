package org.syncline.sync.exec;

import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.Replica;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tells a failure of a whole path from a file's: a path that is gone (its disk unplugged, its share
 * disconnected, its file system unmounted) or whose file system accepts no change (mounted
 * read-only, or turned read-only by the system after disk errors). When an action fails and one
 * of its paths is found so, the failure is final (no retry: nothing mends the path while the run
 * waits), and every later action on that path fails at once with the reason, instead of each
 * being tried and retried; nothing is written where the path used to be. Thread-safe.
 */
final class UnusablePaths {

    private final List<? extends Replica> replicas;
    /** Per path: {@code null} while usable, else what an action refused on it says. */
    private final AtomicReferenceArray<String> unusable;

    UnusablePaths(List<? extends Replica> replicas) {
        this.replicas = replicas;
        this.unusable = new AtomicReferenceArray<>(replicas.size());
    }

    /** Why {@code action} is not even tried, or {@code null} to try it: one of its paths was found unusable in this run. */
    String refusal(Action action) {
        for (int path : new int[] {action.target(), action.source()}) {
            String refusal = path < 0 ? null : unusable.get(path);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * After a failed action: whether one of its paths is gone, or its target read-only (then every
     * later action on that path is refused, and the failure is not retried), with the reason and
     * what to do, to add to the message.
     */
    String failedOnUnusablePath(Action action) {
        for (int path : new int[] {action.target(), action.source()}) {
            if (path >= 0 && !replicas.get(path).reachable()) {
                return mark(path, replicas.get(path) + " is no longer reachable (its disk or share was disconnected,"
                        + " or unmounted), so nothing more is done there in this run; reconnect it and run again",
                        "not attempted: " + replicas.get(path) + " is no longer reachable; reconnect it and run again");
            }
        }
        int target = action.target();
        if (target >= 0 && replicas.get(target).readOnly()) {
            return mark(target, replicas.get(target) + " is on a read-only file system, so nothing can be changed there:"
                    + " remount it read-write (Linux turns a disk read-only after errors: check it first) and run again",
                    "not attempted: " + replicas.get(target) + " is on a read-only file system; make it writable and run again");
        }
        return null;
    }

    private String mark(int path, String why, String refusal) {
        unusable.compareAndSet(path, null, refusal);
        return why;
    }
}
