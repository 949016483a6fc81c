package org.syncline.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Another program that locks a file with {@code fcntl}, for the tests of file locking: run in a
 * process of its own, since locks of one process never exclude each other.
 */
public final class LockHolder implements AutoCloseable {

    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** Starts a process that holds a shared or exclusive lock on {@code file} until {@link #close}. */
    public static LockHolder hold(Path file, boolean shared) throws IOException {
        LockHolder holder = new LockHolder(start(file, shared ? "shared" : "exclusive"));
        String line = holder.readLine();
        if (!"locked".equals(line)) {
            holder.close();
            throw new IOException("the lock holder did not lock " + file + ": " + line);
        }
        return holder;
    }

    /** Whether another process could take an exclusive lock on {@code file} now (it releases it at once). */
    public static boolean couldLockExclusively(Path file) throws IOException, InterruptedException {
        Process process = start(file, "try");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line = out.readLine();
            process.waitFor(30, TimeUnit.SECONDS);
            return "granted".equals(line);
        }
    }

    private static Process start(Path file, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                file.toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private String readLine() throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream())).readLine();
    }

    /** The process holding the lock. */
    public long pid() {
        return process.pid();
    }

    /** Releases the lock: the process ends when its standard input closes. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** {@code LockHolder FILE shared|exclusive|try}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String mode = args[1];
        boolean shared = mode.equals("shared");
        try (FileChannel channel = shared ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (mode.equals("try")) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
                System.out.println(lock != null ? "granted" : "refused");
                System.out.flush();
                return;
            }
            channel.lock(0, Long.MAX_VALUE, shared);
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes standard input
            }
        }
    }
}
