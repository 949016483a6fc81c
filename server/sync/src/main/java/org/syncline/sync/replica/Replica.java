package org.syncline.sync.replica;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One folder tree taking part in a sync job: a local path today, an agent root tomorrow. All paths
 * are {@link RelativePath relative paths}; an invalid one is refused with
 * {@link IllegalArgumentException} before anything is touched.
 *
 * <h2>Errors</h2>
 * Operations report failures as {@link IOException}s of the {@code java.nio.file} vocabulary so
 * that callers can tell cases apart without parsing messages:
 * {@link java.nio.file.NoSuchFileException} (path or its parent missing),
 * {@link java.nio.file.FileAlreadyExistsException} (rename target or mkdir over a file),
 * {@link java.nio.file.DirectoryNotEmptyException}, {@link java.nio.file.NotDirectoryException},
 * {@link java.nio.file.AccessDeniedException}, {@link ContentMismatchException} (a write did not
 * verify) and {@link UnsafePathException} (the path would leave the root). Messages name the path.
 *
 * <h2>Atomicity</h2>
 * {@link #write} is all or nothing: a reader, or the file system after a crash at any instant,
 * sees either the complete old file or the complete, verified new one, never a mix or a truncated
 * file. Temporary files live in the target's own folder, are named {@code .syncline-tmp-*} and are
 * never returned by {@link #list}. {@link #rename} is atomic and never replaces an existing entry.
 *
 * <h2>Durability</h2>
 * A written file's content is on stable storage before it is renamed into place (for a batched
 * write: {@link #force} returns before {@link #commit}); the renames and deletions themselves
 * become durable at the latest when {@link #flush} returns. After a crash a path therefore holds
 * its old content or its complete new content; a rename not yet flushed may be lost, which leaves
 * the old content, never a partial file.
 *
 * <h2>Thread-safety</h2>
 * Implementations are safe for concurrent use by several threads on <em>different</em> paths.
 * Concurrent operations on the same path have no defined order, but each one stays atomic.
 */
public interface Replica {

    /** Prefix of temporary files made by {@link #write}; such names are reserved. */
    String TEMP_PREFIX = ".syncline-tmp-";

    /**
     * A stable identity of this tree, used to key its last-synced state (for example
     * {@code file:///srv/data/}). Two replicas with the same id are the same tree.
     */
    String id();

    /** Host name of the machine holding the tree; used to name conflict copies. */
    String machineName();

    /** What the underlying file system can hold. */
    ReplicaCapabilities capabilities();

    /**
     * How finely the file system keeps modification times, in milliseconds: 1 when it keeps
     * milliseconds or finer (the default), 10 for exFAT, 1000 for whole seconds (ext4 with 128-byte
     * inodes, HFS+), 2000 for FAT. A copy written here keeps its source's time only to this
     * granularity, so the times of one file on two paths are compared to the coarser of theirs:
     * otherwise every run would find every copy changed again.
     */
    default long timeGranularityMillis() {
        return 1;
    }

    /**
     * How many more bytes of file content the tree can take now (its file system's free space
     * available to this process), if that can be known; asked when a write fails, to tell a full
     * file system from other failures.
     */
    default OptionalLong usableSpace() throws IOException {
        return OptionalLong.empty();
    }

    /**
     * Whether this replica's file system accepts no change at all now (mounted read-only, or turned
     * read-only by the system after errors): asked after a change failed, to tell a failure of the
     * whole path from a file's. {@code false} when it cannot tell.
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether the path is still the one opened: {@code false} when its folder is gone or another
     * file system is mounted there now (a disk unplugged, a share disconnected, something
     * unmounted), so that nothing may be written there any more. Asked after an action failed.
     */
    default boolean reachable() {
        return true;
    }

    /**
     * Looks an entry up without following a symbolic link at the last segment.
     *
     * @return the entry, or empty when nothing exists at {@code path}
     */
    Optional<FileEntry> stat(String path) throws IOException;

    /**
     * The direct children of a folder, in no particular order, without hashes. The stream holds an
     * open directory handle: close it. Entries that vanish while listing are left out; an error
     * while iterating surfaces as {@link java.io.UncheckedIOException}.
     *
     * @param dir a folder, {@link RelativePath#ROOT} for the root
     * @throws java.nio.file.NoSuchFileException  if {@code dir} does not exist
     * @throws java.nio.file.NotDirectoryException if {@code dir} is not a folder
     */
    Stream<FileEntry> list(String dir) throws IOException;

    /**
     * Opens a file's content. Symbolic links are not followed.
     *
     * @throws java.nio.file.NoSuchFileException if there is no file
     * @throws IOException                       if it is a folder or cannot be read
     */
    InputStream openRead(String path) throws IOException;

    /**
     * A hint that the file at {@code path} is about to be read: the replica may start reading its
     * first {@code bytes} in the background, so that the read finds them ready (a copy phase hints
     * the files of a batch while it copies them, which keeps the disk busy with several reads at
     * once). It changes nothing, reports nothing and does not wait for the data; a missing file or
     * any other problem is left for the read to report. Opening a file can release the POSIX record
     * locks this process holds on it, so files read under {@link #openRead(String, boolean) a lock}
     * are not hinted. This default does nothing.
     */
    default void willRead(String path, long bytes) {
    }

    /**
     * Notes, before a read of the whole file at {@code path} whose content hash the caller learns (a
     * copy's), which version of the file is read; told the hash once the read is done, a replica that
     * remembers hashes (an engine's local ones, {@link KnownHashes}) keeps it for {@link #knownHash}.
     * Returns {@code null} where the replica remembers no hashes (this default) or cannot yet tell
     * this version of the file from a later one; never fails (the read reports any problem).
     */
    default HashedRead beginHashedRead(String path) {
        return null;
    }

    /**
     * The content hash of the file at {@code path} as it is now, when the replica knows it without
     * reading the file: it was read whole before and is provably the same version since
     * ({@link KnownHashes}); else, and by default, {@code null}. Never fails.
     */
    default String knownHash(String path) {
        return null;
    }

    /** A read noted by {@link #beginHashedRead}. */
    interface HashedRead {
        /** The read is done and its bytes had {@code hash}: remembered when the file is still the version noted. */
        void done(String hash);
    }

    /**
     * Opens a file as {@link #openRead(String)} does; with {@code lock}, where the replica can lock
     * files, it also holds a shared lock on the whole file until the stream is closed, so that
     * programs that lock files before writing them (file servers for their clients, databases) wait
     * until the copy has read it. This replica's default has no locks to take.
     *
     * @throws FileLockedException with {@code lock}, if another program holds a lock that excludes
     *                             reading (it may be writing the file)
     */
    default InputStream openRead(String path, boolean lock) throws IOException {
        return openRead(path);
    }

    /**
     * Atomically creates or replaces the file at {@code path} with the content of {@code content}
     * (read to its end, not closed). The content goes to a temporary file in the same folder, which
     * is checked against {@link WriteRequest#expectedSize()} and hashed as it streams (the hash
     * checked against {@link WriteRequest#expectedHash()} when given), forced to stable storage, given its
     * modification time, permissions and {@linkplain WriteRequest#attributes() ACLs and extended
     * attributes}, and only then renamed over {@code path}. On any failure the temporary file is
     * removed and {@code path} is untouched; a file system that cannot hold the requested ACLs is not
     * a failure but reported in {@link WriteResult#attributesRefusedBy()}.
     *
     * @return size and content hash of what was written (see {@link WriteResult#hash()})
     * @throws java.nio.file.NoSuchFileException if the parent folder does not exist
     * @throws ContentMismatchException          if size or hash did not verify
     * @throws IOException                       if {@code path} is a folder or anything fails
     */
    WriteResult write(String path, InputStream content, WriteRequest request) throws IOException;

    /**
     * First half of a batched {@link #write}: writes and verifies the content like {@code write}, and
     * gives the temporary file its attributes, but neither forces it to stable storage nor renames
     * it. Until {@link #commit} nothing at {@code path} changes and {@link #list} does not show the
     * temporary file. Batching lets a caller make many files durable with one barrier (see
     * {@link #force}) instead of one synchronous flush per file in line with the copying.
     *
     * <p>The default carries out the whole {@link #write} at once and returns a
     * {@link StagedWrite.Completed}, for which {@link #force}, {@link #commit} and {@link #discard}
     * do nothing more.
     *
     * @throws IOException as {@link #write}; the temporary file is then already removed
     */
    default StagedWrite stage(String path, InputStream content, WriteRequest request) throws IOException {
        return new StagedWrite.Completed(path, write(path, content, request));
    }

    /**
     * The target of the symbolic link at {@code path}, as stored (absolute or relative, never
     * resolved). Its hash is what {@link #stat} and {@link #list} give as the link's
     * {@link FileEntry#hash()}.
     *
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code path}
     * @throws java.nio.file.NotLinkException     if it is not a symbolic link
     * @throws UnsupportedOperationException      if the replica keeps no links
     *                                            ({@link ReplicaCapabilities#symbolicLinks()})
     */
    default String readLink(String path) throws IOException {
        throw new UnsupportedOperationException(this + " keeps no symbolic links");
    }

    /**
     * Stages a symbolic link to {@code target} for {@code path}, as {@link #stage} stages a file: a
     * link under a temporary name in the same folder, given {@link WriteRequest#mtimeMillis()} where
     * the file system lets a link's time be set (permissions, ACLs, size and hash of the request do
     * not apply). {@link #force}, {@link #forceTogether}, {@link #commit} and {@link #discard} take it
     * as any staged write: the commit replaces a file or link at {@code path} atomically (keeping it
     * first when the request asks to), never a folder. Its result has size 0 (no content is written)
     * and the target's hash.
     *
     * @throws UnsupportedOperationException if the replica keeps no links
     * @throws IOException                   if the link cannot be made; nothing is left behind
     */
    default StagedWrite stageLink(String path, String target, WriteRequest request) throws IOException {
        throw new UnsupportedOperationException(this + " keeps no symbolic links");
    }

    /**
     * Who owns the entry at {@code path} (never following a link); empty when the replica keeps no
     * owners (the default).
     *
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code path}
     */
    default Optional<Ownership> owner(String path) throws IOException {
        return Optional.empty();
    }

    /**
     * Gives the entry at {@code path} (a link itself, never what it points to) this owner and group.
     *
     * @return {@code false} when the replica keeps owners but may not give this one (only root may
     *         give files to other users; a share may refuse even root): nothing was changed; a replica
     *         that keeps no owners (the default) ignores it
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code path}
     */
    default boolean setOwner(String path, Ownership owner) throws IOException {
        return true;
    }

    /**
     * Forces a staged file's content and attributes to stable storage. Must return before the
     * staged write is committed; several staged writes may be forced concurrently.
     *
     * @throws IOException if the content may not be durable; the caller must then discard it
     */
    default void force(StagedWrite staged) throws IOException {
    }

    /**
     * Forces several staged writes of this replica with one barrier, when the replica can do that
     * more cheaply than one {@link #force} per write (for example one flush of the whole file
     * system). On success every one of them counts as forced.
     *
     * @return {@code false} when this replica has no such barrier: the caller then forces each
     *         write with {@link #force} (the default)
     * @throws IOException if the barrier failed: none of them may be relied on as forced; the
     *                     caller may still force each one with {@link #force}
     */
    default boolean forceTogether(List<? extends StagedWrite> staged) throws IOException {
        return false;
    }

    /**
     * Second half of a batched write: renames a staged and {@linkplain #force forced} file into
     * place atomically (keeping the replaced content first when the request asked for it). The
     * rename is durable at the latest when {@link #flush} returns.
     *
     * @return size and content hash of what is now at the path
     * @throws IllegalStateException if the staged write was not forced, or belongs to another replica
     * @throws IOException           if the rename failed; the temporary file is removed and the
     *                               path is untouched
     */
    default WriteResult commit(StagedWrite staged) throws IOException {
        return staged.result();
    }

    /** Removes the temporary file of a staged write that will not be committed. Idempotent; never throws. */
    default void discard(StagedWrite staged) {
    }

    /**
     * Deletes a file, a symbolic link (not its target) or an empty folder.
     *
     * @throws java.nio.file.NoSuchFileException        if nothing exists at {@code path}
     * @throws java.nio.file.DirectoryNotEmptyException if it is a folder with entries
     */
    void delete(String path) throws IOException;

    /**
     * Creates a folder and any missing parents. Does nothing if the folder exists.
     *
     * @throws java.nio.file.FileAlreadyExistsException if a non-folder entry is in the way
     */
    void mkdirs(String path) throws IOException;

    /**
     * Creates a folder like {@link #mkdirs(String)} and gives it exactly these ACLs and extended
     * attributes (see {@link #setExtendedAttributes}) before anything is put in it; parents created on
     * the way get the replica's defaults. For a folder that exists already only the attributes are set.
     *
     * @param attributes of this replica's {@linkplain ReplicaCapabilities#extendedAttributes() kind}
     * @throws ExtendedAttributesUnsupportedException if the folder's file system cannot hold them: the
     *                                                folder was created all the same
     * @throws java.nio.file.AccessDeniedException    if setting them was refused
     */
    default void mkdirs(String path, ExtendedAttributes attributes) throws IOException {
        mkdirs(path);
        setExtendedAttributes(path, attributes);
    }

    /**
     * Atomically renames an entry. The target's parent must exist.
     *
     * @throws java.nio.file.NoSuchFileException        if {@code from} or the target's parent is missing
     * @throws java.nio.file.FileAlreadyExistsException if {@code to} exists (nothing is changed)
     */
    void rename(String from, String to) throws IOException;

    /**
     * Sets modification time and permission bits of a file or folder; of a symbolic link (never
     * followed) only the time, where the file system lets a link's time be set.
     *
     * @param mtimeMillis new modification time
     * @param mode        POSIX permission bits, or {@link FileEntry#UNKNOWN_MODE} to leave them
     */
    void setAttributes(String path, long mtimeMillis, int mode) throws IOException;

    /**
     * Reads the ACLs and extended attributes of a file or folder that this replica keeps (see
     * {@link ExtendedAttributes} for what each kind holds), without following a symbolic link. On a
     * local tree this costs at least one system call per entry: callers read them for the entries
     * they copy, and for every entry only when asked to compare them.
     *
     * @return the attributes, of this replica's kind; empty when the entry has none or its file
     *         system cannot hold any
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code path}
     * @throws UnsupportedOperationException     if this replica's kind is
     *                                           {@link ExtendedAttributes.Kind#NONE} (the default)
     */
    default ExtendedAttributes readExtendedAttributes(String path) throws IOException {
        throw new UnsupportedOperationException(this + " keeps no ACLs or extended attributes");
    }

    /**
     * Gives an existing file or folder exactly these ACLs and extended attributes: those of the
     * kept names (see {@link ExtendedAttributes}) that it has and {@code attributes} lacks are
     * removed, the others set; attributes outside the kept names (such as security labels) are left
     * alone. Each attribute changes atomically, the set as a whole does not.
     *
     * @throws IllegalArgumentException               if {@code attributes} are not of this replica's kind
     * @throws java.nio.file.NoSuchFileException      if nothing exists at {@code path}
     * @throws ExtendedAttributesUnsupportedException if the entry's file system cannot hold them
     * @throws java.nio.file.AccessDeniedException    if setting or removing one was refused
     * @throws UnsupportedOperationException          if this replica's kind is
     *                                                {@link ExtendedAttributes.Kind#NONE} (the default)
     */
    default void setExtendedAttributes(String path, ExtendedAttributes attributes) throws IOException {
        throw new UnsupportedOperationException(this + " keeps no ACLs or extended attributes");
    }

    /** Makes every rename, creation and deletion done so far durable. */
    void flush() throws IOException;
}
