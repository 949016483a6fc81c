package org.syncline.sync.replica;

import java.nio.file.FileSystemException;

/**
 * A file could not be read or replaced because another program holds a lock on it (it may be
 * writing it, or have it open for editing); it was left as it is. Thrown only when the job asks for
 * files to be locked ({@link Replica#openRead(String, boolean)}, {@link WriteRequest#lockReplaced()}).
 */
public class FileLockedException extends FileSystemException {

    public FileLockedException(String file, String reason) {
        super(file, null, reason);
    }
}
