package org.syncline.sync.replica;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a {@link LocalReplica} reads and applies the {@link ExtendedAttributes} of its platform.
 * Implementations never follow a symbolic link and are thread-safe.
 */
interface NativeAttributes {

    /** What was at a path before attributes are applied to it: decides what may need removing. */
    enum Target {
        /** An entry that may carry any attributes: they are listed first. */
        EXISTING,
        /** A file this replica has just created: only what it inherited from its folder can be on it. */
        NEW_FILE,
        /** A folder this replica has just created: only what it inherited from its parent can be on it. */
        NEW_FOLDER
    }

    ExtendedAttributes.Kind kind();

    /**
     * The attributes of an entry; empty when its file system cannot hold any.
     *
     * @throws java.nio.file.NoSuchFileException if nothing is there
     */
    ExtendedAttributes read(Path path) throws IOException;

    /**
     * Gives an entry exactly {@code attributes} (of {@link #kind()}): kept ones it lacks are removed.
     *
     * @return {@code false} when the file system cannot hold (some of) them; the others were applied
     * @throws java.nio.file.AccessDeniedException if setting or removing one was refused
     */
    boolean write(Path path, ExtendedAttributes attributes, Target target) throws IOException;
}
