package org.syncline.sync;

import java.io.IOException;
import java.io.RandomAccessFile;
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

    /**
     * Creates {@code folder} and mounts on it an ext4 file system with 128-byte inodes, which keep
     * modification times to the whole second only (as HFS+; FAT keeps two seconds), from an image
     * file {@code image} (needs mkfs.ext4 and a loop device).
     */
    public static ScratchMount wholeSecondTimes(Path folder, Path image) throws IOException, InterruptedException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16L << 20);
        }
        Process mkfs = new ProcessBuilder("mkfs.ext4", "-q", "-F", "-I", "128", image.toString()).redirectErrorStream(true).start();
        String output = new String(mkfs.getInputStream().readAllBytes());
        assumeTrue(mkfs.waitFor() == 0, "cannot make an ext4 image here: " + output);
        return mount(folder, "ext4", "loop", image.toString());
    }

    private static ScratchMount mount(Path folder, String type, String options) throws IOException, InterruptedException {
        return mount(folder, type, options, type);
    }

    private static ScratchMount mount(Path folder, String type, String options, String device) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount = new ProcessBuilder("mount", "-t", type, "-o", options, device, folder.toString())
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
