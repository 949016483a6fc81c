package org.syncline.sync.spill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a file channel from its start with positional reads, which leave the channel's own position
 * alone, so that several readers (and a writer) can share one channel. Closing runs the given
 * action once; the channel itself stays open unless that action closes it. Not thread-safe.
 */
public final class PositionalInput extends InputStream {

    /** What closing the stream does. */
    public interface OnClose {
        void run() throws IOException;
    }

    private final FileChannel channel;
    private final OnClose onClose;
    private long position;
    private boolean closed;

    public PositionalInput(FileChannel channel, OnClose onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        int read = channel.read(ByteBuffer.wrap(bytes, offset, length), position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
