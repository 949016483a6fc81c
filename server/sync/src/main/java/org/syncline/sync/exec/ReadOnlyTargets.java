package org.syncline.sync.exec;

import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.Replica;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Tells a path whose file system accepts no change (mounted read-only, or turned read-only by the
 * system after disk errors) from a file's failure. When a change on a path fails and its file
 * system is read-only, the failure is final (no retry: nothing makes it writable while the run
 * waits), and every later change on that path fails at once with a message saying why, instead of
 * each being tried and retried. Thread-safe.
 */
final class ReadOnlyTargets {

    private final List<? extends Replica> replicas;
    /** Per path: 1 once a change failed on it because its file system is read-only. */
    private final AtomicIntegerArray readOnly;

    ReadOnlyTargets(List<? extends Replica> replicas) {
        this.replicas = replicas;
        this.readOnly = new AtomicIntegerArray(replicas.size());
    }

    /** Why {@code action} is not even tried, or {@code null} to try it: its path was found read-only in this run. */
    String refusal(Action action) {
        int target = action.target();
        if (target < 0 || readOnly.get(target) == 0) {
            return null;
        }
        return "not attempted: " + replicas.get(target) + " is on a read-only file system; make it writable and run again";
    }

    /**
     * After a failed change: whether its path's file system is read-only (then every later change on
     * it is refused, and the failure is not retried), with the reason to add to the message.
     */
    String failedOnReadOnly(Action action) {
        int target = action.target();
        if (target < 0 || !replicas.get(target).readOnly()) {
            return null;
        }
        readOnly.set(target, 1);
        return replicas.get(target) + " is on a read-only file system, so nothing can be changed there: remount it"
                + " read-write (Linux turns a disk read-only after errors: check it first) and run again";
    }
}
