package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few C library calls of Linux that {@code java.nio} does not offer, bound with JNA. Loaded on
 * first use; {@link #INSTANCE} is {@code null} where they are unavailable (not Linux, or JNA's
 * native part could not be loaded), and callers then fall back to portable {@code java.nio} calls.
 * Every method throws {@link LastErrorException} (carrying {@code errno}) when the call fails.
 */
interface Libc extends Library {

    /** {@code O_RDONLY | O_CLOEXEC}: the same value on every Linux architecture. */
    int O_RDONLY_CLOEXEC = 0x80000;

    Libc INSTANCE = Loader.load();

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Writes back every dirty page and inode of the file system holding {@code fd}, and waits. */
    int syncfs(int fd) throws LastErrorException;

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
