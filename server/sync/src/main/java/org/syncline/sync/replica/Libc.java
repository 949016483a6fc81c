package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The few C library calls of Linux that {@code java.nio} does not offer, bound with JNA. Loaded on
 * first use; {@link #INSTANCE} is {@code null} where they are unavailable (not Linux, or JNA's
 * native part could not be loaded), and callers then fall back to portable {@code java.nio} calls.
 * Every method throws {@link LastErrorException} (carrying {@code errno}) when the call fails.
 */
interface Libc extends Library {

    /** {@code O_RDONLY | O_CLOEXEC}: the same value on every Linux architecture. */
    int O_RDONLY_CLOEXEC = 0x80000;

    /**
     * {@code O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW} for read-ahead hints
     * ({@link LocalReplica#willRead}): never waits for a writer (a named pipe), never follows a link
     * at the last segment. These flags differ between architectures: the value for x86, RISC-V and
     * s390 (the generic ABI), for ARM and PowerPC, and -1 elsewhere (alpha, MIPS, SPARC, PA-RISC: no
     * such hints there), as on 32-bit systems, where {@link #posix_fadvise} takes 32-bit offsets.
     */
    int O_HINT = !Platform.is64Bit() ? -1
            : Platform.isARM() || Platform.isPPC() ? 0x80000 | 0x800 | 0x8000
            : Platform.isIntel() || Platform.ARCH.startsWith("riscv") || Platform.ARCH.startsWith("s390")
            ? 0x80000 | 0x800 | 0x20000 : -1;

    /** {@code posix_fadvise} advice: the range will be read soon, start reading it in the background. */
    int POSIX_FADV_WILLNEED = 3;

    /** {@code errno} values of the generic Linux ABI (x86, arm, riscv; not alpha, mips or sparc). */
    int EPERM = 1;
    int ENOENT = 2;
    int E2BIG = 7;
    int EACCES = 13;
    int ENOTDIR = 20;
    int EINVAL = 22;
    int ENOSPC = 28;
    int ERANGE = 34;
    int ELOOP = 40;
    int ENODATA = 61;
    /** Also {@code ENOTSUP}: the file system does not support the attribute (or any). */
    int EOPNOTSUPP = 95;
    int EDQUOT = 122;
    /** Also {@code EWOULDBLOCK}: nothing to read from a non-blocking descriptor. */
    int EAGAIN = 11;

    /** {@code IN_NONBLOCK | IN_CLOEXEC} for {@link #inotify_init1}. */
    int IN_NONBLOCK_CLOEXEC = 0x800 | 0x80000;
    /** {@code ioctl} request: how many bytes can be read now. */
    long FIONREAD = 0x541B;
    /** {@code poll} event: data to read. */
    short POLLIN = 0x1;

    Libc INSTANCE = Loader.load();

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Closes a read-only descriptor: a failure reports nothing that matters, nothing was written through it. */
    static void closeReadOnly(Libc libc, int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            // nothing written through it could be lost
        }
    }

    /**
     * Advice on how a range of an open file will be used ({@link #POSIX_FADV_WILLNEED}); returns 0 or
     * an error number (it does not set {@code errno}). Offsets are 64-bit: 64-bit systems only.
     */
    int posix_fadvise(int fd, long offset, long length, int advice);

    /** Writes back every dirty page and inode of the file system holding {@code fd}, and waits. */
    int syncfs(int fd) throws LastErrorException;

    /*
     * Extended attributes by path, never following a symbolic link at the last segment. Paths and
     * names are NUL-terminated byte strings; sizes are size_t / ssize_t (NativeLong on Linux).
     */

    /** Writes the entry's attribute names, each NUL-terminated, into {@code list}; returns their total length. */
    NativeLong llistxattr(byte[] path, Pointer list, NativeLong size) throws LastErrorException;

    /** Copies one attribute's value into {@code value}; returns its length ({@code ENODATA}: no such attribute). */
    NativeLong lgetxattr(byte[] path, byte[] name, Pointer value, NativeLong size) throws LastErrorException;

    /** Creates or replaces one attribute ({@code flags} 0). */
    int lsetxattr(byte[] path, byte[] name, byte[] value, NativeLong size, int flags) throws LastErrorException;

    /** Removes one attribute ({@code ENODATA}: it was not there). */
    int lremovexattr(byte[] path, byte[] name) throws LastErrorException;

    /** A new inotify instance (its descriptor); {@code flags} such as {@link #IN_NONBLOCK_CLOEXEC}. */
    int inotify_init1(int flags) throws LastErrorException;

    /** Watches the folder at {@code path} (NUL-terminated bytes); returns its watch descriptor. */
    int inotify_add_watch(int fd, byte[] path, int mask) throws LastErrorException;

    /**
     * Removes a watch; -1 when it is gone already (its folder deleted: the kernel removed it), which
     * is no error here and so raises no exception ({@code errno} is not read).
     */
    int inotify_rm_watch(int fd, int wd);

    NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    /** With {@link #FIONREAD}: writes the number of bytes ready to be read into {@code count[0]}. */
    int ioctl(int fd, NativeLong request, int[] count) throws LastErrorException;

    /** Waits up to {@code timeoutMillis} until one of the descriptors is ready; returns how many are. */
    int poll(PollFd[] fds, int nfds, int timeoutMillis) throws LastErrorException;

    /** {@code struct pollfd}: one descriptor {@link #poll} waits for. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** Holds the loading apart so that a failure leaves {@link #INSTANCE} null instead of throwing. */
    final class Loader {
        private Loader() {
        }

        private static Libc load() {
            if (!Platform.isLinux() || Boolean.getBoolean("syncline.native.disabled")) {
                return null;
            }
            try {
                return Native.load(Platform.C_LIBRARY_NAME, Libc.class);
            } catch (LinkageError e) {
                org.slf4j.LoggerFactory.getLogger(Libc.class)
                        .warn("Native file system calls are unavailable ({}); files are forced one by one", e.getMessage());
                return null;
            }
        }
    }
}
