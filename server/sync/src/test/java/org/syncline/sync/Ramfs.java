package org.syncline.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A ramfs mounted for one test: a real Linux file system that holds no extended attributes (and so
 * no ACLs) and answers every attempt with {@code EOPNOTSUPP}, like vfat. Mounting needs root; a
 * test is skipped where it cannot mount. Close it to unmount.
 */
public final class Ramfs implements AutoCloseable {

    private final Path mountPoint;

    private Ramfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Creates {@code folder} and mounts a ramfs on it. */
    public static Ramfs mountAt(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", "ramfs", "-o", "size=8m", "ramfs", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a ramfs here (needs root): " + output);
        return new Ramfs(folder);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
    }
}
