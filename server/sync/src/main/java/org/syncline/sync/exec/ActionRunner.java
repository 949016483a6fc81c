package org.syncline.sync.exec;

import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.ContentMismatchException;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.ExtendedAttributesUnsupportedException;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.Ownership;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.replica.WriteResult;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.StateChanges;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Performs single actions on replicas. Every change first checks that its target still is what the
 * plan saw (a file edited since the scan is never overwritten or deleted) and every copy checks that
 * its source is unchanged before and after reading it. Thread-safe if the replicas are.
 *
 * <p>When the job copies ACLs and extended attributes and both replicas keep the same kind, every
 * copy and every folder creation reads them from the source at that moment (not from the scan, so
 * that an access revoked since is not handed on) and hands them to the target, which applies them
 * before the file appears at its path. A target that cannot hold them is told to the run log once
 * ({@link AttributeNotices}) and the copy succeeds without them; a refusal to set them fails the file.
 */
final class ActionRunner {

    private final List<? extends Replica> replicas;
    private final Archiver archiver;
    private final Instant runStart;
    private final boolean copyPermissions;
    private final boolean copyAcls;
    private final boolean lockFiles;
    private final AttributeNotices notices;
    private final Cancellation cancellation;
    private final CreatedFolders created;
    private final StateChanges learned;

    /** @param learned where the content hashes read by copies and moves go (the run's state changes) */
    ActionRunner(List<? extends Replica> replicas, Archiver archiver, Instant runStart, SyncOptions options,
                 AttributeNotices notices, Cancellation cancellation, CreatedFolders created, StateChanges learned) {
        this.replicas = replicas;
        this.archiver = archiver;
        this.runStart = runStart;
        this.copyPermissions = options.copyPermissions();
        this.copyAcls = options.copyAcls();
        this.lockFiles = options.lockFiles();
        this.notices = notices;
        this.cancellation = cancellation;
        this.created = created;
        this.learned = learned;
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
     * the target ({@link Replica#stage}), or for a symbolic link a link to the same target
     * ({@link Replica#stageLink}); nothing at the path changes yet.
     */
    StagedWrite stage(Action action, SourceStream.ByteCounter counter) throws IOException {
        Replica source = replicas.get(action.source());
        Replica target = replicas.get(action.target());
        FileEntry expected = action.sourceEntry();
        FileEntry current = sourceAsPlanned(action);
        requireTargetAsPlanned(target, action);
        createMissingParents(action);
        WriteRequest request = WriteRequest.copyOf(expected);
        if (copyPermissions) {
            // Read with the check above where the replica compares owners, else now.
            request = request.withOwner(current.owner() != null ? current.owner()
                    : source.owner(action.path()).orElse(null));
        }
        if (action.archiveReplaced() && action.expectedTarget() != null) {
            request = request.preservingReplacedAs(archiver.archivePathOf(action.path(), runStart));
        }
        if (expected.isLink()) {
            String linkTarget = source.readLink(action.path());
            if (!FileEntry.linkHash(linkTarget).equals(expected.hash())) {
                throw new ContentMismatchException("changed on " + source + " since the scan (the link points"
                        + " elsewhere now); the next run will take it");
            }
            return target.stageLink(action.path(), linkTarget, request);
        }
        if (!copyPermissions) {
            request = request.withoutMode();
        }
        request = request.withAttributes(sourceAttributes(action));
        if (lockFiles) {
            request = request.lockingReplaced();
        }
        StagedWrite staged;
        Replica.HashedRead noted = source.beginHashedRead(action.path());
        try (InputStream in = new SourceStream(source.openRead(action.path(), lockFiles), cancellation, counter,
                () -> requireUnchanged(source, action.path(), current))) {
            staged = target.stage(action.path(), in, request);
        }
        String hash = staged.result().hash();
        if (noted != null && hash != null) {
            noted.done(hash);
        }
        learn(action, hash);
        return staged;
    }

    /**
     * Tells the state changes the hash of the file a copy wrote (source and target hold that version;
     * a path whose copy fails after this is withdrawn, so only a succeeded copy's hash is saved).
     */
    private void learn(Action copy, String hash) {
        FileEntry version = copy.sourceEntry();
        if (hash != null && version.isFile() && version.hash() == null) {
            learned.learn(copy.path(), ReplicaState.of(version.withHash(hash)), copy.source(), copy.target());
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
        WriteResult result = target.commit(staged);
        if (result.attributesRefusedBy() != null) {
            notices.refused(action, result.attributesRefusedBy());
        }
        if (result.ownerNotKept()) {
            notices.ownerNotKept(action);
        }
        return result.size();
    }

    /**
     * Creates the folders above a copied file that its target lacks (the plan had them there or
     * created, but one was removed since) as a MKDIR would: top first, each with its source folder's
     * ACLs and extended attributes before anything is put in it.
     */
    private void createMissingParents(Action action) throws IOException {
        Replica source = replicas.get(action.source());
        Replica target = replicas.get(action.target());
        Deque<String> missing = new ArrayDeque<>();
        for (String folder = RelativePath.parent(action.path()); !folder.isEmpty() && target.stat(folder).isEmpty();
             folder = RelativePath.parent(folder)) {
            missing.push(folder);
        }
        for (String folder : missing) {
            FileEntry sourceFolder = source.stat(folder).filter(FileEntry::isDirectory).orElseThrow(() ->
                    new NoSuchFileException(source + "/" + folder, null, "folder vanished since the scan"));
            mkdir(new Action(ActionType.MKDIR, folder, action.source(), action.target(), sourceFolder, null, null,
                    false, "folder created for " + action.path()));
        }
    }

    /**
     * Creates a folder with the source's ACLs and extended attributes and records it in
     * {@code created}: its permissions and time follow when its content is written.
     */
    void mkdir(Action action) throws IOException {
        Replica target = replicas.get(action.target());
        ExtendedAttributes attributes = sourceAttributes(action);
        if (attributes == null) {
            target.mkdirs(action.path());
        } else {
            try {
                target.mkdirs(action.path(), attributes);
            } catch (ExtendedAttributesUnsupportedException e) {
                notices.refused(action, e.fileSystem());
            }
        }
        giveSourceOwner(action);
        created.add(action.path(), action.source(), action.target(), action.sourceEntry(), action.reason());
    }

    /** Gives the action's target the owner its source has now, when the job copies permissions. */
    private void giveSourceOwner(Action action) throws IOException {
        if (!copyPermissions) {
            return;
        }
        Optional<Ownership> owner = replicas.get(action.source()).owner(action.path());
        if (owner.isPresent() && !replicas.get(action.target()).setOwner(action.path(), owner.get())) {
            notices.ownerNotKept(action);
        }
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

    /**
     * Carries out {@code copy} by renaming the file that {@code removal} takes away from the same
     * path, when that file holds the copy's bytes: the source is read and hashed unless the source
     * replica knows its hash ({@link Replica#knownHash}: read whole before and the same version
     * since, as in a folder renamed after an engine copied it), and so is the
     * removed file unless the plan gave it the hash saved when it was synchronized (it is still that
     * version: same size and time, which a run trusts as much to leave a file alone); both, as well
     * as the copy's free target path, must still be as the scan saw them. The moved file then gets
     * the source's attributes from {@link #giveMovedAttributes}.
     *
     * @return {@code false} when the two files' bytes differ: nothing was changed
     * @throws IOException when a check or the rename failed: nothing was changed (but for the
     *                     folders above the copy's path created if the target lacked them)
     */
    boolean move(Action copy, Action removal) throws IOException {
        Replica source = replicas.get(copy.source());
        Replica target = replicas.get(copy.target());
        FileEntry current = sourceAsPlanned(copy);
        requireTargetAsPlanned(target, copy);
        requireTargetAsPlanned(target, removal);
        String wanted = source.knownHash(copy.path());
        if (wanted == null) {
            Replica.HashedRead noted = source.beginHashedRead(copy.path());
            try (InputStream in = new SourceStream(source.openRead(copy.path(), lockFiles), cancellation,
                    count -> { }, () -> requireUnchanged(source, copy.path(), current))) {
                wanted = ContentHash.of(in);
            }
            if (noted != null) {
                noted.done(wanted);
            }
        }
        String there = removal.expectedTarget().hash();
        if (there == null) {
            try (InputStream in = new SourceStream(target.openRead(removal.path()), cancellation, count -> { },
                    () -> requireTargetAsPlanned(target, removal))) {
                there = ContentHash.of(in);
            }
        } else {
            requireTargetAsPlanned(target, removal); // again, after the time the source took to read
        }
        if (!wanted.equals(there)) {
            return false;
        }
        createMissingParents(copy);
        target.rename(removal.path(), copy.path());
        learn(copy, wanted);
        return true;
    }

    /** Gives a file moved by {@link #move} the source's time, permissions and (when copied) ACLs, as a copy has them. */
    void giveMovedAttributes(Action copy) throws IOException {
        giveSourceAttributes(copy, true);
    }

    void renameToConflictCopy(Action action) throws IOException {
        Replica target = replicas.get(action.target());
        requireTargetAsPlanned(target, action);
        target.rename(action.path(), action.newPath());
    }

    /**
     * Sets time and permissions; first, when the scan found the ACLs or extended attributes to
     * differ ({@link Action#updatesExtendedAttributes()}), gives the target those the source has now.
     */
    void setAttributes(Action action) throws IOException {
        if (action.expectedTarget() != null && action.expectedTarget().isCopyable()) {
            // A file edited since the scan must not be given another version's time: it would look like that version.
            requireTargetAsPlanned(replicas.get(action.target()), action);
        }
        giveSourceAttributes(action, action.updatesExtendedAttributes());
    }

    /**
     * Gives the action's target the source's time and (when the job copies them) permissions, and
     * first, when {@code acls} and the job copies them, the ACLs and extended attributes the source has now.
     */
    private void giveSourceAttributes(Action action, boolean acls) throws IOException {
        FileEntry source = action.sourceEntry();
        Replica target = replicas.get(action.target());
        if (copyAcls && acls) {
            ExtendedAttributes attributes = sourceAttributes(action);
            try {
                if (attributes != null) {
                    target.setExtendedAttributes(action.path(), attributes);
                }
            } catch (ExtendedAttributesUnsupportedException e) {
                notices.refused(action, e.fileSystem());
            }
        }
        giveSourceOwner(action);
        target.setAttributes(action.path(), source.mtimeMillis(),
                copyPermissions ? source.mode() : FileEntry.UNKNOWN_MODE);
    }

    /**
     * The source's ACLs and extended attributes as they are now, when they are to be copied and the
     * target keeps the same kind; else {@code null} (a target of another kind is told once).
     */
    private ExtendedAttributes sourceAttributes(Action action) throws IOException {
        if (!copyAcls) {
            return null;
        }
        Replica source = replicas.get(action.source());
        Replica target = replicas.get(action.target());
        ExtendedAttributes.Kind kind = source.capabilities().extendedAttributes();
        if (kind == ExtendedAttributes.Kind.NONE) {
            return null;
        }
        if (!target.capabilities().takesExtendedAttributesOf(source.capabilities())) {
            notices.notHeld(action, kind, target.capabilities().extendedAttributes());
            return null;
        }
        return source.readExtendedAttributes(action.path());
    }

    /** The copy's source as it is now, which must still be as the scan saw it. */
    private FileEntry sourceAsPlanned(Action copy) throws IOException {
        Replica source = replicas.get(copy.source());
        FileEntry current = source.stat(copy.path()).orElseThrow(() -> new NoSuchFileException(
                source + "/" + copy.path(), null, "vanished since the scan"));
        if (!current.sameContentAs(copy.sourceEntry().asStatted())) {
            throw new ContentMismatchException("changed on " + source + " since the scan; the next run will take it");
        }
        return current;
    }

    private static void requireTargetAsPlanned(Replica target, Action action) throws IOException {
        Optional<FileEntry> now = target.stat(action.path());
        FileEntry expected = action.expectedTarget();
        boolean asPlanned = expected == null ? now.isEmpty()
                : now.isPresent() && now.get().sameContentAs(expected.asStatted());
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
