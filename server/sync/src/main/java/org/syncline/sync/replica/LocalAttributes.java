package org.syncline.sync.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACLs and extended attributes of one {@link LocalReplica}: its platform's
 * {@link NativeAttributes}, and the file systems found unable to hold them during the replica's
 * life (one run). Once a file system refused them, entries on it are not tried again, so a
 * target on vfat costs one refused call, not one per file. Thread-safe.
 */
final class LocalAttributes {

    private final NativeAttributes platform;
    /** File system (device) of each folder asked about after the first refusal. */
    private final Map<Path, Object> fileSystems = new ConcurrentHashMap<>();
    /** The file systems that refused, with their description. */
    private final Map<Object, String> refusing = new ConcurrentHashMap<>();

    private LocalAttributes(NativeAttributes platform) {
        this.platform = platform;
    }

    /**
     * What the running platform offers for a tree on {@code root}: Linux's ACLs and user attributes
     * where the C library is reachable, NTFS ACLs where the tree's file system has them, else none.
     */
    static LocalAttributes forPlatform(Path root) throws IOException {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        if (Libc.INSTANCE != null) {
            return new LocalAttributes(new LinuxAttributes(Libc.INSTANCE));
        }
        if (windows && Files.getFileStore(root).supportsFileAttributeView("acl")) {
            return new LocalAttributes(new WindowsAttributes());
        }
        return new LocalAttributes(null);
    }

    ExtendedAttributes.Kind kind() {
        return platform == null ? ExtendedAttributes.Kind.NONE : platform.kind();
    }

    /** @see NativeAttributes#read */
    ExtendedAttributes read(Path path) throws IOException {
        requireSupport();
        return platform.read(path);
    }

    /**
     * Gives an entry exactly {@code attributes}.
     *
     * @param folder whether the entry is a folder (its own file system is asked, not its parent's)
     * @return {@code null}, or the file system that cannot hold them, in the user's words
     * @throws IllegalArgumentException if they are of another kind
     */
    String write(Path path, ExtendedAttributes attributes, NativeAttributes.Target target, boolean folder)
            throws IOException {
        requireSupport();
        if (attributes.kind() != platform.kind()) {
            throw new IllegalArgumentException(path + ": " + attributes.kind() + " ACLs cannot be applied on "
                    + platform.kind() + "; nothing was changed");
        }
        Path where = folder ? path : path.getParent();
        if (!refusing.isEmpty()) {
            String known = refusing.get(fileSystemOf(where));
            if (known != null) {
                return attributes.isEmpty() ? null : known;
            }
        }
        if (platform.write(path, attributes, target)) {
            return null;
        }
        return refusing.computeIfAbsent(fileSystemOf(where), key -> describe(where));
    }

    private void requireSupport() {
        if (platform == null) {
            throw new UnsupportedOperationException("ACLs and extended attributes are not supported on this platform");
        }
    }

    private Object fileSystemOf(Path folder) throws IOException {
        try {
            return fileSystems.computeIfAbsent(folder, LocalAttributes::fileSystemKey);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The device number where there is one, else the file store. */
    private static Object fileSystemKey(Path folder) {
        try {
            return Files.getAttribute(folder, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.getFileStore(folder);
            } catch (IOException storeFailure) {
                throw new UncheckedIOException(storeFailure);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For example {@code vfat on /media/usb (/dev/sdb1)}. */
    private static String describe(Path folder) {
        try {
            FileStore store = Files.getFileStore(folder);
            return store.type() + " on " + store;
        } catch (IOException e) {
            return "the file system of " + folder;
        }
    }
}
