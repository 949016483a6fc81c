package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Forces a whole file system to stable storage with one {@code syncfs(2)} call: every file written
 * and every rename made on it so far become durable together, at the cost of one journal commit and
 * one device flush instead of one per file. Linux reports write-back errors through
 * {@code syncfs} since 5.8; older kernels or other systems use per-file {@code fsync} instead
 * ({@link #available()} says which).
 *
 * <p>{@code syncfs} also writes back what other programs wrote to the file system and the kernel
 * still holds: on a busy file server a run's barrier would wait for their data (measured here: the
 * copy of three small files took 0.24 s instead of 9 ms while another program had 700 MB waiting to
 * be written; forcing the three files one by one took 9 ms either way). So a caller first asks
 * {@link #othersWaiting}, and forces its files one by one while much else waits to be written.
 */
final class FileSystemSync {

    /**
     * Bytes of other programs' data waiting to be written (the machine's, not only the file
     * system's: Linux tells only the total) above which a barrier forces files one by one.
     */
    static final long OTHERS_WAITING_LIMIT = 64L << 20;

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private FileSystemSync() {
    }

    /**
     * Whether more data than {@link #OTHERS_WAITING_LIMIT}, or than the caller's own
     * {@code ownBytes}, besides these waits to be written back on this machine, so that a
     * {@code syncfs} would wait for other programs' writes; {@code false} when that cannot be read.
     */
    static boolean othersWaiting(long ownBytes) {
        try {
            return othersWaiting(Files.readString(MEMINFO), ownBytes);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@link #othersWaiting(long)} on the text of {@code /proc/meminfo}. */
    static boolean othersWaiting(String meminfo, long ownBytes) {
        long dirty = kilobytes(meminfo, "Dirty:");
        long writeback = kilobytes(meminfo, "Writeback:");
        if (dirty < 0 || writeback < 0) {
            return false;
        }
        long others = (dirty + writeback) * 1024 - ownBytes;
        return others > Math.max(OTHERS_WAITING_LIMIT, ownBytes);
    }

    /** The value of a {@code /proc/meminfo} line such as {@code "Dirty:   1234 kB"}; -1 when missing. */
    private static long kilobytes(String meminfo, String key) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(key)) {
                String[] fields = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(fields[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
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
            Libc.closeReadOnly(libc, fd);
        }
    }
}
