package org.syncline.store;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.JobLease;
import org.syncline.persistence.JobLeaseStore;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.state.JobRunningException;
import org.syncline.sync.state.RunLock;
import org.syncline.sync.state.StorageUnavailableException;

/**
 * A {@link RunLock} as a lease row in the shared database ({@link JobLeaseStore}), so that it holds
 * across machines: one statement claims it, a daemon thread renews it every third of the lease
 * while it is held, one statement releases it. A process killed without releasing it holds the job
 * until the lease expires. If renewing fails for longer than the lease, or finds the lease taken
 * over, the lock counts as lost and the caller is told. Thread-safe.
 */
final class DatabaseRunLock implements RunLock {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRunLock.class);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JobLeaseStore leases;
    private final String job;
    private final long token;
    private final Duration lease;
    private final Runnable lost;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastRenewedNanos = System.nanoTime();

    private DatabaseRunLock(JobLeaseStore leases, String job, long token, Duration lease, Runnable lost) {
        this.leases = leases;
        this.job = job;
        this.token = token;
        this.lease = lease;
        this.lost = lost;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "syncline-run-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims the run of {@code job} for this process.
     *
     * @throws JobRunningException naming the holder and since when it runs the job
     */
    static DatabaseRunLock claim(JobLeaseStore leases, String job, Duration lease, Runnable lost)
            throws StorageUnavailableException, JobRunningException {
        String holder = holder();
        try {
            OptionalLong token = leases.claim(job, holder, lease);
            if (token.isEmpty()) {
                Optional<JobLease> current = leases.find(job);
                // Released or expired between the claim and the read: claim once more.
                if (current.isEmpty() || !current.get().held()) {
                    token = leases.claim(job, holder, lease);
                }
                if (token.isEmpty()) {
                    throw new JobRunningException(current.map(held -> alreadyRunning(job, held))
                            .orElse("job " + job + " is already running; try again when it has finished"));
                }
            }
            LOG.debug("Job {} claimed by {} with token {}", job, holder, token.getAsLong());
            return new DatabaseRunLock(leases, job, token.getAsLong(), lease, lost);
        } catch (DatabaseException e) {
            throw new StorageUnavailableException(e.getMessage(), e);
        }
    }

    /** The job's name, as claimed. */
    String job() {
        return job;
    }

    /** The fencing token of this claim. */
    long token() {
        return token;
    }

    private void renew() {
        try {
            if (leases.renew(job, token, lease)) {
                lastRenewedNanos = System.nanoTime();
                return;
            }
            LOG.warn("The claim on job {} expired and another run took it over", job);
        } catch (DatabaseException e) {
            if (System.nanoTime() - lastRenewedNanos < lease.toNanos()) {
                LOG.warn("Could not renew the claim on job {} ({}); trying again", job, e.getMessage());
                return;
            }
            LOG.warn("Could not renew the claim on job {} for longer than it lasts ({}); another run may take it over",
                    job, e.getMessage());
        }
        heartbeat.shutdown();
        if (!closed.get()) {
            lost.run();
        }
    }

    /** Stops renewing, then releases; a release that fails leaves the lease to expire by itself. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leases.release(job, token);
        } catch (DatabaseException e) {
            LOG.warn("Could not give up the claim on job {} ({}); it expires by itself within {} seconds", job,
                    e.getMessage(), lease.toSeconds());
        }
    }

    /** Who runs the job since when; a holder that was killed renews no more, so its lease ends at its expiry. */
    private static String alreadyRunning(String job, JobLease held) {
        return "job " + job + " is already running on " + held.holder() + " since " + UTC.format(held.claimedAt())
                + "; try again when it has finished (if that process was killed, the job is free again from "
                + UTC.format(held.expiresAt()) + ")";
    }

    /** This process in the user's words: {@code host (process pid)}. */
    private static String holder() {
        return LocalReplica.localMachineName() + " (process " + ProcessHandle.current().pid() + ")";
    }
}
