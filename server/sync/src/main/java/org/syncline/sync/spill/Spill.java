package org.syncline.sync.spill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An append-only sequence that keeps its last {@code memoryLimit} values in memory and writes the
 * ones before to a temporary file, so that a run can hold millions of planned items in bounded
 * memory. Values are read back in the order they were added, any number of times, each time with
 * a new {@link Reader}. The file is deleted as soon as it is open, so that nothing is left behind
 * even when the process is killed; {@link #close()} releases it.
 *
 * <p>Not thread-safe: one thread adds, then reads. Values added while a reader is open are not
 * seen by it.
 *
 * @param <T> the value type
 */
public final class Spill<T> implements AutoCloseable {

    /** Writes and reads one value; a value must be read exactly as far as it was written. */
    public interface Codec<T> {

        void write(DataOutput out, T value) throws IOException;

        T read(DataInput in) throws IOException;
    }

    private final String name;
    private final int memoryLimit;
    private final Codec<T> codec;
    private final List<T> recent = new ArrayList<>();
    private Path file;
    private FileChannel channel;
    private DataOutputStream out;
    private long inFile;

    /**
     * @param name        what the values are, for the temporary file's name and messages
     * @param memoryLimit values kept in memory before they go to the file
     */
    public Spill(String name, int memoryLimit, Codec<T> codec) {
        this.name = name;
        this.memoryLimit = memoryLimit;
        this.codec = codec;
    }

    /**
     * Appends a value.
     *
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    public void add(T value) {
        recent.add(value);
        if (recent.size() >= memoryLimit) {
            try {
                if (out == null) {
                    createFile();
                }
                for (T each : recent) {
                    codec.write(out, each);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the " + name + " to " + file + ": " + e.getMessage(), e);
            }
            inFile += recent.size();
            recent.clear();
        }
    }

    /**
     * Creates the temporary file, opened to be deleted on close: Unix unlinks it at once, Windows
     * when the handle closes, so even a killed process leaves nothing behind.
     */
    private void createFile() throws IOException {
        file = Files.createTempFile("syncline-" + name + "-", ".tmp");
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    /** The temporary file's name (deleted while open), or {@code null} while every value is in memory. */
    Path file() {
        return file;
    }

    /** Number of values added. */
    public long size() {
        return inFile + recent.size();
    }

    /** Reads every value added so far, in order. */
    public Reader<T> open() throws IOException {
        if (out != null) {
            out.flush();
        }
        return new Reader<>(this);
    }

    /** Deletes the temporary file and forgets every value. Idempotent. */
    @Override
    public void close() throws IOException {
        recent.clear();
        inFile = 0;
        if (out != null) {
            out.close();
            out = null;
            channel = null;
        }
    }

    /** One pass over the values; failures surface as {@link UncheckedIOException}. */
    public static final class Reader<T> implements Iterator<T>, AutoCloseable {

        private final Spill<T> spill;
        private final DataInputStream in;
        private final long fromFile;
        private final Iterator<T> fromMemory;
        private long read;

        private Reader(Spill<T> spill) throws IOException {
            this.spill = spill;
            this.fromFile = spill.inFile;
            this.in = fromFile > 0 ? new DataInputStream(new BufferedInputStream(new PositionalInput(spill.channel, () -> { }), 1 << 16))
                    : null;
            this.fromMemory = new ArrayList<>(spill.recent).iterator();
        }

        @Override
        public boolean hasNext() {
            return read < fromFile || fromMemory.hasNext();
        }

        @Override
        public T next() {
            if (read < fromFile) {
                read++;
                try {
                    return spill.codec.read(in);
                } catch (EOFException e) {
                    throw new UncheckedIOException("the " + spill.name + " in " + spill.file + " end early", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the " + spill.name + ": " + e.getMessage(), e);
                }
            }
            if (!fromMemory.hasNext()) {
                throw new NoSuchElementException();
            }
            return fromMemory.next();
        }

        /** Leaves the file open: it belongs to the spill. */
        @Override
        public void close() {
        }
    }

    /** Writes a string of any length as UTF-8, or {@code null}. */
    public static void writeString(DataOutput out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeString} wrote. */
    public static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
