package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link LocalReplica#willRead} on a real file system: the kernel reads ahead, and nothing waits. */
class LocalReadAheadTest {

    /** {@code posix_fadvise} advice: drop the range's clean pages from the page cache. */
    private static final int POSIX_FADV_DONTNEED = 4;

    @TempDir
    Path temp;

    @Test
    void aHintedFileIsReadIntoMemoryAheadButNotThroughALink() throws Exception {
        assumeHints();
        Path root = Files.createDirectories(temp.resolve("root"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        // Smaller than any device's read-ahead size, which bounds what one hint reads.
        Path file = written(root.resolve("file"), 64 << 10);
        Path secret = written(outside.resolve("secret"), 64 << 10);
        Files.createSymbolicLink(root.resolve("link"), secret);
        dropFromMemory(file);
        dropFromMemory(secret);
        assumeTrue(resident(file) == 0 && resident(secret) == 0,
                "this file system keeps its files in memory (tmpfs): nothing to read ahead");
        LocalReplica replica = LocalReplica.open(root);

        replica.willRead("link", 64 << 10);
        replica.willRead("file", 64 << 10);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (resident(file) < 64 << 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(64 << 10, resident(file), "the whole file is in memory without being read");
        assertEquals(0, resident(secret), "a link at the hinted path is not followed");
    }

    @Test
    void aHintWaitsForNoNamedPipeInsideOrBehindALink() throws Exception {
        assumeHints();
        Path root = Files.createDirectories(temp.resolve("root"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        assumeTrue(mkfifo(root.resolve("pipe")) && mkfifo(outside.resolve("pipe")), "mkfifo is not available");
        Files.createSymbolicLink(root.resolve("link"), outside.resolve("pipe"));
        LocalReplica replica = LocalReplica.open(root);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            replica.willRead("pipe", 1 << 20);
            replica.willRead("link", 1 << 20);
        }, "opening a named pipe to hint it would wait for a program to write into it");
    }

    private static void assumeHints() {
        assumeTrue(Libc.INSTANCE != null && Libc.O_HINT != -1, "read-ahead hints need Linux on a known architecture");
    }

    /** A file of random bytes, forced to the disk so that its pages can be dropped from memory. */
    private static Path written(Path path, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Files.write(path, content);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return path;
    }

    private static void dropFromMemory(Path file) {
        Libc libc = Libc.INSTANCE;
        int fd = libc.open(file.toString(), Libc.O_RDONLY_CLOEXEC);
        try {
            libc.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        } finally {
            libc.close(fd);
        }
    }

    /** Bytes of the file in the page cache, as {@code fincore} (util-linux) tells. */
    private static long resident(Path file) throws IOException, InterruptedException {
        Process fincore;
        try {
            fincore = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "fincore (util-linux) is not installed");
            throw e;
        }
        String out = new String(fincore.getInputStream().readAllBytes()).trim();
        assumeTrue(fincore.waitFor() == 0 && out.matches("\\d+"), "fincore cannot tell: " + out);
        return Long.parseLong(out);
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
