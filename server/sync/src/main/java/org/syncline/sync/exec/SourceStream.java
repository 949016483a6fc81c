package org.syncline.sync.exec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Wraps a source file's content on its way to {@link org.syncline.sync.replica.Replica#write}:
 * counts bytes for progress, aborts when the run is cancelled, and at the end of the stream runs a
 * check (that the source did not change while it was read) whose failure makes the write refuse the
 * content, so a torn read never reaches the target. Not thread-safe.
 */
final class SourceStream extends FilterInputStream {

    /** A check run once, when the end of the content is reached. */
    @FunctionalInterface
    interface EndCheck {
        void verify() throws IOException;
    }

    /** Told about copied bytes. */
    @FunctionalInterface
    interface ByteCounter {
        void add(long bytes);
    }

    private final Cancellation cancellation;
    private final ByteCounter counter;
    private final EndCheck endCheck;
    private boolean ended;

    SourceStream(InputStream in, Cancellation cancellation, ByteCounter counter, EndCheck endCheck) {
        super(in);
        this.cancellation = cancellation;
        this.counter = counter;
        this.endCheck = endCheck;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (cancellation.isCancelled()) {
            throw new InterruptedIOException("the run was cancelled");
        }
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            counter.add(n);
        } else if (n < 0 && !ended) {
            ended = true;
            endCheck.verify();
        }
        return n;
    }
}
