package org.syncline.sync.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link RunLock} as a lock on a file in a {@code .syncline} folder: it keeps a job from running
 * twice at once on this machine only, which is all the interim files (whose state is local too)
 * need. The operating system releases it when the process ends, however it ends.
 */
public final class FileRunLock implements RunLock {

    private final FileChannel channel;

    private FileRunLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Claims the right to run {@code jobId} with a lock file in {@code stateDir/.syncline}.
     *
     * @throws JobRunningException when another process of this machine holds it
     */
    public static FileRunLock lock(Path stateDir, String jobId) throws IOException, JobRunningException {
        Path folder = Files.createDirectories(stateDir.resolve(".syncline"));
        Path file = folder.resolve(jobId.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this very process (the operating system's lock does not tell its own holders apart).
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new JobRunningException("job " + jobId + " is already running; try again when it has finished");
        }
        return new FileRunLock(channel);
    }

    /** Closing the channel releases its lock. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
