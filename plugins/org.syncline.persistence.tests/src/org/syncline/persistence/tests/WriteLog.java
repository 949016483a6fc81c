package org.syncline.persistence.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:writelog:PATH}) that records every write and truncation H2 makes
 * to a database's file, so that a test can rebuild a file as it was after any one of them: what a process
 * killed at that moment leaves on the disk (a kill loses nothing a process has written, only what it
 * has not).
 */
public final class WriteLog extends FilePathWrapper {

    /** The URL prefix of files whose writes are recorded. */
    public static final String PREFIX = "jdbc:h2:writelog:";

    private static final List<Write> WRITES = new ArrayList<>();

    /** One write ({@code data} at {@code position}) or truncation ({@code data} null, to {@code position}). */
    public record Write(long position, byte[] data) {
    }

    /** Starts recording (again), from no write. */
    public static void start() {
        FilePath.register(new WriteLog());
        synchronized (WRITES) {
            WRITES.clear();
        }
    }

    /** How many writes have been recorded since {@link #start()}. */
    public static int count() {
        synchronized (WRITES) {
            return WRITES.size();
        }
    }

    /** The writes recorded since {@link #start()}, in the order they were made. */
    public static List<Write> writes() {
        synchronized (WRITES) {
            return List.copyOf(WRITES);
        }
    }

    @Override
    public String getScheme() {
        return "writelog";
    }

    /** Records the writes to the database's file ({@code .mv.db}), not to its lock or trace file. */
    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel file = getBase().open(mode);
        return name.endsWith(".mv.db") ? new Recording(file) : file;
    }

    /**
     * A file rebuilt write by write: {@code start} as the file was before the first write recorded,
     * or null for a new file.
     */
    public static final class Image implements AutoCloseable {

        private final List<Write> writes;
        private final Path file;
        private final FileChannel channel;
        private int applied;

        public Image(List<Write> writes, Path start, Path file) throws IOException {
            this.writes = writes;
            this.file = file;
            if (start != null) {
                Files.copy(start, file, StandardCopyOption.REPLACE_EXISTING);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        /** Applies the writes up to (not including) {@code count}, then copies the file to {@code target}. */
        public void copyAfter(int count, Path target) throws IOException {
            for (; applied < count; applied++) {
                Write write = writes.get(applied);
                if (write.data() == null) {
                    channel.truncate(write.position());
                } else {
                    channel.write(ByteBuffer.wrap(write.data()), write.position());
                }
            }
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The channel H2 writes through: records, then passes everything to the real file. */
    private static final class Recording extends FileBase {

        private final FileChannel file;

        Recording(FileChannel file) {
            this.file = file;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            byte[] data = new byte[src.remaining()];
            src.duplicate().get(data);
            synchronized (WRITES) {
                WRITES.add(new Write(position, data));
                return file.write(src, position);
            }
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public synchronized FileChannel truncate(long size) throws IOException {
            synchronized (WRITES) {
                WRITES.add(new Write(size, null));
                file.truncate(size);
            }
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException("H2's file store reads and writes at given positions");
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException("H2's file store reads and writes at given positions");
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException("H2's file store reads and writes at given positions");
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException("H2's file store reads and writes at given positions");
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
