package org.syncline.sync.exec;

import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the run log that ACLs and extended attributes could not be kept on a path: once per run for
 * each target path and file system, not once per file, as a warning; the copies themselves go on.
 * Thread-safe.
 */
final class AttributeNotices {


    private final ExecutionTally tally;
    private final List<String> replicaNames;
    private final Clock clock;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    AttributeNotices(ExecutionTally tally, List<String> replicaNames, Clock clock) {
        this.tally = tally;
        this.replicaNames = replicaNames;
        this.clock = clock;
    }

    /** The file system under {@code action}'s target path cannot hold them (first met at this action). */
    void refused(Action action, String fileSystem) {
        tell(action, fileSystem, "ACLs and extended attributes are not kept here: its file system (" + fileSystem
                + ") cannot hold them, so files get only their permission bits (for a file with an ACL the group"
                + " bits are its ACL mask); the copies go on without them");
    }

    /** The target path keeps owners but this run may not give files theirs (first met at this action). */
    void ownerNotKept(Action action) {
        tell(action, "owners", "owners and groups are not kept here: only root may give files to other users (and a"
                + " share may refuse even root), so the copies belong to the user this run runs as; run it as root"
                + " to keep them");
    }

    /** The target keeps no attributes of the source's kind (another platform, or none at all). */
    void notHeld(Action action, ExtendedAttributes.Kind sourceKind, ExtendedAttributes.Kind targetKind) {
        tell(action, "kind " + targetKind, sourceKind + " ACLs and extended attributes are not copied here: "
                + (targetKind == ExtendedAttributes.Kind.NONE ? "this path keeps none"
                : "this path keeps only " + targetKind + " ones") + "; the copies go on without them");
    }

    private void tell(Action action, String what, String message) {
        if (told.add(action.target() + "\n" + what)) {
            String replica = replicaNames.get(action.target());
            Executor.PROBLEMS.warn("{}: {}", replica, message);
            tally.log(new FileAction(clock.instant(), FileAction.ACLS, action.path(), replica, Outcome.WARNING, 0,
                    message));
        }
    }
}
