package org.syncline.sync.replica;

/** Lets tests outside this package ask whether {@link FileSystemSync} works here. */
public final class FileSystemSyncProbe {

    private FileSystemSyncProbe() {
    }

    public static boolean available() {
        return FileSystemSync.available();
    }
}
