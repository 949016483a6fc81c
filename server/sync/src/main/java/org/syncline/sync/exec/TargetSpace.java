package org.syncline.sync.exec;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.Replica;

/**
 * Tells a full target from other failures of a copy. When a copy to a target fails and the target
 * has less free space than the file needs, the failure is final (no retry: nothing frees space
 * while the run waits), and from then on every copy to that target is first checked against its
 * free space: one that cannot fit fails at once with a message saying so, instead of writing until
 * the file system refuses (slow on a nearly full disk), while smaller files that still fit are
 * copied. Thread-safe.
 */
final class TargetSpace {

    /** Room kept for the file system's own blocks (metadata, the temporary file's folder entry). */
    static final long MARGIN = 64 * 1024;

    private final List<? extends Replica> replicas;
    /** Per target: -1 while no copy to it has failed for want of space, else the free bytes seen then. */
    private final AtomicLongArray shortOfSpace;

    TargetSpace(List<? extends Replica> replicas) {
        this.replicas = replicas;
        this.shortOfSpace = new AtomicLongArray(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            shortOfSpace.set(i, -1);
        }
    }

    /**
     * Why {@code copy} is not even tried, or {@code null} to try it: its target ran out of space
     * before in this run and still has too little for it.
     */
    String refusal(Action copy) {
        int target = copy.target();
        if (target < 0 || shortOfSpace.get(target) < 0) {
            return null;
        }
        OptionalLong free = free(target);
        if (free.isEmpty() || fits(copy, free.getAsLong())) {
            return null;
        }
        return "not copied: it needs " + copy.bytes() + " bytes and " + replicas.get(target) + " has "
                + free.getAsLong() + " bytes free (its file system is full); free space there and run again";
    }

    /**
     * After a failed copy: whether it failed for want of space on its target (then the target is
     * watched from now on, and the failure is not retried), with the reason to add to the message.
     */
    String outOfSpace(Action copy) {
        int target = copy.target();
        if (target < 0) {
            return null;
        }
        OptionalLong free = free(target);
        if (free.isEmpty() || fits(copy, free.getAsLong())) {
            return null;
        }
        shortOfSpace.set(target, free.getAsLong());
        return replicas.get(target) + " has " + free.getAsLong() + " bytes free, the file needs " + copy.bytes()
                + "; free space there and run again";
    }

    private static boolean fits(Action copy, long free) {
        return free >= copy.bytes() + MARGIN;
    }

    private OptionalLong free(int target) {
        try {
            return replicas.get(target).usableSpace();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
