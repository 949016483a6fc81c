package org.syncline.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small file system mounted for one test. Mounting needs root; a test is skipped where it cannot
 * mount. Close it to unmount.
 */
public final class ScratchMount implements AutoCloseable {

    private final Path mountPoint;

    private ScratchMount(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Creates {@code folder} and mounts a ramfs on it: a real Linux file system that holds no
     * extended attributes (and so no ACLs) and answers every attempt with {@code EOPNOTSUPP}, like vfat.
     */
    public static ScratchMount ramfs(Path folder) throws IOException, InterruptedException {
        return mount(folder, "ramfs", "size=8m");
    }

    /** Creates {@code folder} and mounts a tmpfs of {@code size} (e.g. {@code 1m}) on it: it fills up. */
    public static ScratchMount tmpfs(Path folder, String size) throws IOException, InterruptedException {
        return mount(folder, "tmpfs", "size=" + size);
    }

    private static ScratchMount mount(Path folder, String type, String options) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", type, "-o", options, type, folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a " + type + " here (needs root): " + output);
        return new ScratchMount(folder);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
    }
}
