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
    private final String loopDevice;

    private ScratchMount(Path mountPoint) {
        this(mountPoint, null);
    }

    /** @param loopDevice a loop device set up for this mount, detached when it is closed, or {@code null} */
    private ScratchMount(Path mountPoint, String loopDevice) {
        this.mountPoint = mountPoint;
        this.loopDevice = loopDevice;
    }

    /**
     * Creates {@code folder} and mounts a ramfs on it: a real Linux file system that holds no
     * extended attributes (and so no ACLs) and answers every attempt with {@code EOPNOTSUPP}, like vfat.
     */
    public static ScratchMount ramfs(Path folder) throws IOException, InterruptedException {
        return mount(folder, "ramfs", "size=8m");
    }

    /** Creates {@code folder} and mounts an empty read-only tmpfs on it, as a disk mounted read-only (or turned so after errors). */
    public static ScratchMount readOnly(Path folder) throws IOException, InterruptedException {
        return mount(folder, "tmpfs", "size=1m,ro");
    }

    /**
     * Mounts {@code folder} on itself read-only (a read-only bind mount, as a container or a share
     * exported read-only has): the file system under it stays writable.
     */
    public static ScratchMount readOnlyBind(Path folder) throws IOException, InterruptedException {
        assumeTrue(run("mount", "--bind", folder.toString(), folder.toString()) != null, "cannot bind-mount here (needs root)");
        ScratchMount bound = new ScratchMount(folder);
        if (run("mount", "-o", "remount,bind,ro", folder.toString()) == null) {
            bound.close();
            assumeTrue(false, "cannot make a bind mount read-only here");
        }
        return bound;
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

    /**
     * Creates {@code folder} and mounts on it an exFAT file system, as on a USB disk, from an image
     * file {@code image} through a loop device and FUSE (needs exfatprogs and exfat-fuse): it tells
     * names apart only by more than case, refuses names Windows refuses and keeps modification
     * times coarser than milliseconds.
     */
    public static ScratchMount exfat(Path folder, Path image) throws IOException, InterruptedException {
        return throughFuse(folder, image, "exFAT (needs exfatprogs and exfat-fuse)", new String[] {"mkfs.exfat", image.toString()},
                "mount.exfat-fuse");
    }

    /**
     * Creates {@code folder} and mounts on it an NTFS file system from an image file {@code image}
     * through a loop device and ntfs-3g with {@code windows_names}, as desktop Linux mounts a USB
     * disk (needs ntfs-3g): names keep their case, names Windows refuses cannot be made, and
     * permission bits are not kept.
     */
    public static ScratchMount ntfs(Path folder, Path image) throws IOException, InterruptedException {
        return throughFuse(folder, image, "NTFS (needs ntfs-3g)", new String[] {"mkntfs", "-q", "-F", "-Q", image.toString()},
                "ntfs-3g", "-o", "windows_names");
    }

    /** Makes a 16 MB file system in {@code image} with {@code mkfs} and mounts it on a loop device with {@code mount DEVICE FOLDER}. */
    private static ScratchMount throughFuse(Path folder, Path image, String what, String[] mkfs, String... mount)
            throws IOException, InterruptedException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16L << 20);
        }
        Files.createDirectories(folder);
        String device = run(mkfs) != null ? run("losetup", "-f", "--show", image.toString()) : null;
        assumeTrue(device != null && !device.isBlank(), "cannot make a loop device with " + what + " here");
        String[] command = java.util.Arrays.copyOf(mount, mount.length + 2);
        command[mount.length] = device.strip();
        command[mount.length + 1] = folder.toString();
        if (run(command) == null) {
            run("losetup", "-d", device.strip());
            assumeTrue(false, "cannot mount " + what + " here (needs root and FUSE)");
        }
        return new ScratchMount(folder, device.strip());
    }

    /** Runs a command; {@code null} when it failed to start or exited with an error, else its output. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            return process.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        }
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
        if (loopDevice != null) {
            new ProcessBuilder("losetup", "-d", loopDevice).inheritIO().start().waitFor();
        }
    }
}
