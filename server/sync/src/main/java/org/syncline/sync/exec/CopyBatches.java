package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.plan.Action;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the copy phase in batches with one durability barrier per batch instead of one synchronous
 * flush per file in line with its copying. For each batch, in plan order:
 * <ol>
 *   <li><b>stage</b> every copy in parallel ({@link Replica#stage}: temporary file written and
 *       verified, with the job's retries; nothing visible changes), while another thread hints the
 *       batch's sources to their replicas in order ({@link Replica#willRead}: a local replica has
 *       the kernel start reading them), so that the disk serves many reads at once instead of one
 *       per copy thread; not when the job locks files while copying them, as opening a file to hint
 *       it would release the lock;</li>
 *   <li><b>force</b> the batch: with one barrier per target where the replica has one
 *       ({@link Replica#forceTogether}, e.g. one {@code syncfs} for the whole file system), else every
 *       staged file in parallel ({@link Replica#force}, so the file system can group the journal
 *       commits); when a barrier fails, each of its files is forced on its own to find the failing one;</li>
 *   <li>only when every force of the batch has returned, <b>commit</b> each one (check the target
 *       once more, atomic rename).</li>
 * </ol>
 * Batches overlap: the copies of up to {@link #IN_FLIGHT} batches are queued to the copy threads
 * in plan order, and while the oldest is forced and committed the threads go on with the next
 * ones, so the disk writes back one batch while the next are copied into the page cache, and no
 * thread waits at a batch's end for its last, largest copies (at most {@code IN_FLIGHT} batches of
 * temporary files exist at once). The order within each batch is unchanged.
 * The folders' entries become durable with {@link Replica#flush} after the last batch, before the
 * run saves its state. Crash contract: at any instant each target path holds its old content or
 * its complete, verified, durable new content; a temporary file left behind is removed by the next
 * listing of its folder; a rename lost because its folder was not flushed yet leaves the old
 * content, and the state (saved only after the flush) still says so, so the next run copies again.
 *
 * <p>A file that fails to stage, force or commit fails alone. After a cancellation, staged files
 * not committed yet are discarded. Single-use, used by one thread.
 */
final class CopyBatches {

    private static final Logger LOG = LoggerFactory.getLogger(CopyBatches.class);

    /**
     * Copies per batch: bounds the temporary files (and their disk space) waiting for a barrier. On
     * this project's 2-core test machine (loop-mounted ext4) smaller batches were slower: each
     * barrier costs a journal commit and a device flush. A first copy of 20,000 files (~75 KB each),
     * medians of five alternated runs: 512 per batch 4.87 s against 4.62 s for 2,048; 1,024 4.68 s
     * against 4.52 s; batches bound by bytes only (~3,400 files) 4.68 s against 4.66 s.
     */
    static final int MAX_FILES = 2048;
    /** Bytes per batch. */
    static final long MAX_BYTES = 256L << 20;
    /**
     * Batches handed to the copy threads and not yet committed. With the staging of one batch at a
     * time (two in flight, the next one started when the last copy of the one before had ended),
     * fewer than 8 copies were running during 1.85 s of a 5.2 s first copy of 20,000 files on this
     * project's 2-core test machine; queued this way with three in flight, 1.47 s of 4.97 s (the
     * first barrier of a run writes back all that was copied until then, and the threads run dry
     * behind it), and 4.67 s against 4.77 s (medians of five alternated first copies, within this
     * machine's noise).
     */
    static final int IN_FLIGHT = 3;

    private final List<? extends Replica> replicas;
    private final ActionRunner runner;
    private final RetryingStep step;
    private final ExecutorService pool;
    private final ExecutorService forcePool;
    /**
     * Hints each batch's sources ({@link Replica#willRead}); {@code null} when files are locked while
     * copied. A first copy of 20,000 files (~75 KB each, cold) on this project's 2-core test machine,
     * medians of four alternated runs, three times: 4.55 s against 4.80, 4.68 against 5.31, 4.12
     * against 4.63 without hints (hinting each file only when it is at most 256 files ahead of the
     * copies: 4.93 s; hinting the next batch while the current one is copied: 4.16).
     */
    private final ExecutorService readAhead;

    private record Staged(Action action, StagedWrite write, AtomicLong transferred) {
    }

    /**
     * @param readAhead whether the sources are hinted to their replicas before they are read: not
     *                  when they are locked while read
     */
    CopyBatches(List<? extends Replica> replicas, ActionRunner runner, RetryingStep step, int threads,
                boolean readAhead) {
        this.replicas = replicas;
        this.runner = runner;
        this.step = step;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), daemon("syncline-copy"));
        this.forcePool = Executors.newFixedThreadPool(Math.max(1, threads), daemon("syncline-force"));
        this.readAhead = readAhead ? Executors.newSingleThreadExecutor(daemon("syncline-read-ahead")) : null;
    }

    /** Makes daemon threads of the given name (a run's helpers never keep a stopping process alive). */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs all copies, taking them from {@code copies} a batch at a time; returns when every one has
     * been committed or has failed.
     */
    void run(Iterator<Action> copies) {
        Deque<List<Future<Staged>>> inFlight = new ArrayDeque<>();
        try {
            List<Action> batch = new ArrayList<>();
            long bytes = 0;
            while (copies.hasNext()) {
                Action action = copies.next();
                batch.add(action);
                bytes += action.bytes();
                if (batch.size() >= MAX_FILES || bytes >= MAX_BYTES) {
                    submit(batch, inFlight);
                    batch = new ArrayList<>();
                    bytes = 0;
                }
            }
            if (!batch.isEmpty()) {
                submit(batch, inFlight);
            }
            while (!inFlight.isEmpty()) {
                forceAndCommit(staged(inFlight.removeFirst()));
            }
        } finally {
            if (readAhead != null) {
                readAhead.shutdownNow();
            }
            pool.shutdownNow();
            forcePool.shutdownNow();
        }
    }

    /**
     * Hands a batch's copies to the pool, behind those of the batches before it; first, when
     * {@link #IN_FLIGHT} batches are already handed over, forces and commits the oldest of them.
     */
    private void submit(List<Action> batch, Deque<List<Future<Staged>>> inFlight) {
        if (inFlight.size() >= IN_FLIGHT) {
            forceAndCommit(staged(inFlight.removeFirst()));
        }
        List<Future<Staged>> staging = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Action action = batch.get(i);
            boolean first = i == 0;
            staging.add(pool.submit(() -> {
                if (first) {
                    hint(batch);
                }
                AtomicLong transferred = new AtomicLong();
                StagedWrite write = step.stage(action, transferred);
                return write == null ? null : new Staged(action, write, transferred);
            }));
        }
        inFlight.addLast(staging);
    }

    /** Waits until every copy of a batch is staged or has failed; the staged ones in plan order. */
    private static List<Staged> staged(List<Future<Staged>> staging) {
        List<Staged> staged = new ArrayList<>(staging.size());
        for (Future<Staged> one : staging) {
            Staged write = await(one);
            if (write != null) {
                staged.add(write);
            }
        }
        return staged;
    }

    /** The result of work handed to a helper thread; its unchecked failure is thrown as it was. */
    static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Hints the batch's sources in order on the read-ahead thread, if there is one. */
    private void hint(List<Action> batch) {
        if (readAhead == null) {
            return;
        }
        try {
            readAhead.execute(() -> {
                for (Action action : batch) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    if (action.bytes() > 0) {
                        replicas.get(action.source()).willRead(action.path(), action.bytes());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the copy phase is ending (cancelled or failed): nothing left to hint
        }
    }

    private void forceAndCommit(List<Staged> staged) {
        List<Staged> together = new ArrayList<>();
        List<Staged> oneByOne = new ArrayList<>();
        Map<Integer, List<Staged>> byTarget = new LinkedHashMap<>();
        staged.forEach(one -> byTarget.computeIfAbsent(one.action().target(), t -> new ArrayList<>()).add(one));
        byTarget.forEach((target, writes) -> (forcedTogether(replicas.get(target), writes) ? together : oneByOne)
                .addAll(writes));
        List<Boolean> forced = forceEach(oneByOne);
        Set<Staged> failed = new HashSet<>();
        for (int i = 0; i < oneByOne.size(); i++) {
            if (!forced.get(i)) {
                failed.add(oneByOne.get(i));
            }
        }
        for (Staged one : staged) {
            if (!failed.contains(one)) {
                commit(one);
            }
        }
    }

    /** One barrier for all of a target's writes, if the replica has one; false: force them one by one. */
    private static boolean forcedTogether(Replica replica, List<Staged> writes) {
        try {
            return replica.forceTogether(writes.stream().map(Staged::write).toList());
        } catch (IOException e) {
            LOG.warn("Flushing {} files to disk at once failed ({}); forcing them one by one", writes.size(),
                    e.getMessage());
            return false;
        }
    }

    /** Forces each write in parallel; a failed one is discarded and reported. */
    private List<Boolean> forceEach(List<Staged> staged) {
        return all(forcePool, staged.stream().<Callable<Boolean>>map(one -> () -> {
            try {
                replicas.get(one.action().target()).force(one.write());
                return true;
            } catch (Exception e) {
                replicas.get(one.action().target()).discard(one.write());
                step.failed(one.action(), one.transferred().get(), e);
                return false;
            }
        }).toList());
    }

    private void commit(Staged one) {
        if (step.abandonIfCancelled(one.action(), one.transferred().get())) {
            replicas.get(one.action().target()).discard(one.write());
            return;
        }
        long bytes;
        try {
            bytes = runner.commit(one.action(), one.write());
        } catch (Exception e) {
            step.failed(one.action(), one.transferred().get(), e);
            return;
        }
        step.committed(one.action(), bytes);
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a copy task failed unexpectedly", e.getCause());
        }
    }
}
