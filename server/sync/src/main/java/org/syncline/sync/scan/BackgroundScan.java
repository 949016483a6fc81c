package org.syncline.sync.scan;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs an iterator (a {@link Scanner}) on its own daemon thread, a bounded distance ahead of the
 * consumer, so that the scans of a job's paths wait for their disks at the same time instead of
 * one after the other. Entries travel in chunks through a queue of at most {@value #CHUNKS}
 * chunks of {@value #CHUNK_SIZE}, so memory stays bounded as with the scanner alone; order is
 * kept. A {@link RuntimeException} of the scanner is rethrown by {@link #hasNext()} once the
 * entries before it are consumed.
 *
 * <p>The consumer is one thread. {@link #close()} stops the background thread when the consumer
 * gives up early; it is idempotent. Callbacks of the scanner (its {@link ScanListener}) run on the
 * background thread.
 *
 * @param <T> the element type
 */
public final class BackgroundScan<T> implements Iterator<T>, AutoCloseable {

    static final int CHUNK_SIZE = 256;
    static final int CHUNKS = 8;

    /** A chunk of entries, or the end (with the scanner's failure, if any). */
    private record Chunk<T>(List<T> entries, RuntimeException failure, boolean last) {
    }

    private final BlockingQueue<Chunk<T>> queue = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean closed;
    private Iterator<T> current = List.<T>of().iterator();
    private boolean ended;

    /** Starts scanning {@code source} in the background at once. */
    public BackgroundScan(Iterator<T> source, String name) {
        thread = new Thread(() -> produce(source), "syncline-scan-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Iterator<T> source) {
        List<T> chunk = new ArrayList<>(CHUNK_SIZE);
        try {
            while (source.hasNext()) {
                chunk.add(source.next());
                if (chunk.size() == CHUNK_SIZE) {
                    if (!put(new Chunk<>(chunk, null, false))) {
                        return;
                    }
                    chunk = new ArrayList<>(CHUNK_SIZE);
                }
            }
            put(new Chunk<>(chunk, null, true));
        } catch (RuntimeException e) {
            put(new Chunk<>(chunk, e, true));
        }
    }

    private boolean put(Chunk<T> chunk) {
        try {
            while (!closed) {
                if (queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (ended) {
                return false;
            }
            Chunk<T> chunk = take();
            current = chunk.entries().iterator();
            if (chunk.last()) {
                ended = true;
                if (chunk.failure() != null && !current.hasNext()) {
                    throw chunk.failure();
                }
                if (chunk.failure() != null) {
                    current = withFailureAfter(chunk.entries(), chunk.failure());
                }
            }
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the background thread; entries not consumed are dropped. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    private Chunk<T> take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new UncheckedIOException("interrupted while scanning",
                    new java.io.InterruptedIOException(e.getMessage()));
        }
    }

    /** Iterates the entries, then throws the failure. */
    private static <T> Iterator<T> withFailureAfter(List<T> entries, RuntimeException failure) {
        Iterator<T> inner = entries.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (inner.hasNext()) {
                    return true;
                }
                throw failure;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return inner.next();
            }
        };
    }
}
