package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Forces a whole file system to stable storage with one {@code syncfs(2)} call: every file written
 * and every rename made on it so far become durable together, at the cost of one journal commit and
 * one device flush instead of one per file. Linux reports write-back errors through
 * {@code syncfs} since 5.8; older kernels or other systems use per-file {@code fsync} instead
 * ({@link #available()} says which).
 */
final class FileSystemSync {

    private FileSystemSync() {
    }

    /** Whether {@link #sync} can be used: Linux 5.8 or newer with the C library reachable. */
    static boolean available() {
        return Libc.INSTANCE != null && kernelReportsErrors(System.getProperty("os.version", ""));
    }

    /** Whether a Linux kernel of this version ({@code 6.1.0-13-amd64}) reports write-back errors from syncfs. */
    static boolean kernelReportsErrors(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 5 || major == 5 && minor >= 8;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Forces the file system holding {@code anyPath} (a file or folder on it) to stable storage.
     *
     * @throws IOException if the path cannot be opened or the file system reports that something
     *                     could not be written back; nothing written since the last successful
     *                     call may then be relied on
     */
    static void sync(Path anyPath) throws IOException {
        Libc libc = Libc.INSTANCE;
        if (libc == null) {
            throw new IllegalStateException("syncfs is not available here");
        }
        int fd;
        try {
            fd = libc.open(anyPath.toString(), Libc.O_RDONLY_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(anyPath + ": cannot open it to flush its file system (errno " + e.getErrorCode() + ")");
        }
        try {
            libc.syncfs(fd);
        } catch (LastErrorException e) {
            throw new IOException("the file system holding " + anyPath
                    + " could not write everything to disk (errno " + e.getErrorCode() + "); check the disk and its free space");
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException e) {
                // closing a read-only descriptor reports nothing that matters here
            }
        }
    }
}
