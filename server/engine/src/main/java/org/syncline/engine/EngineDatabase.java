package org.syncline.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.DatabaseStatus;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.store.DatabaseSettings;
import org.syncline.store.SavedStateCache;

/**
 * The engine's shared database as a life-cycle component: {@link #doStart()} opens it, creating
 * or upgrading the schema (once, even when several engines start together on an empty database;
 * the persistence layer sees to that). A start fails with the persistence layer's message for
 * the user (wrong password, unreachable, schema newer than this program). While started, an H2
 * file (the embedded default) is kept compact every {@link #UPKEEP_EVERY} ({@link H2FileUpkeep}).
 * Thread-safe.
 */
public final class EngineDatabase extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(EngineDatabase.class);

    /** How often the database file's upkeep looks at it. */
    static final Duration UPKEEP_EVERY = Duration.ofSeconds(10);

    private final DatabaseProfile profile;
    private final int runHistoryDays;
    private final Duration upkeepEvery;
    private final SavedStateCache savedStates = SavedStateCache.sizedForHeap();
    private volatile SynclineDatabase database;
    private ScheduledExecutorService upkeep;

    /** The database of {@code profile}, keeping the default days of run history. */
    public EngineDatabase(DatabaseProfile profile) {
        this(profile, DatabaseSettings.DEFAULT_RUN_HISTORY_DAYS);
    }

    /** @param runHistoryDays how many days the runs of each job are kept (0: all), see {@link DatabaseSettings#runHistoryDays()} */
    public EngineDatabase(DatabaseProfile profile, int runHistoryDays) {
        this(profile, runHistoryDays, UPKEEP_EVERY);
    }

    EngineDatabase(DatabaseProfile profile, int runHistoryDays, Duration upkeepEvery) {
        this.profile = profile;
        this.runHistoryDays = runHistoryDays;
        this.upkeepEvery = upkeepEvery;
    }

    /** How many days the runs of each job are kept (0: all). */
    public int runHistoryDays() {
        return runHistoryDays;
    }

    @Override
    protected void doStart() {
        database = SynclineDatabase.open(profile);
        LOG.info("Database: {}", profile);
        if (profile.kind() != DatabaseKind.H2_FILE) {
            return; // A server keeps its own files; an H2 server (H2_SERVER) its file.
        }
        upkeep = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "syncline-database-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        long millis = upkeepEvery.toMillis();
        upkeep.scheduleWithFixedDelay(new H2FileUpkeep(database), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the upkeep, waiting for a turn under way (it ends within about a second), and closes the
     * connections to a database server; also after a start that failed to open the database.
     */
    @Override
    protected void doStop() throws InterruptedException {
        ScheduledExecutorService running = upkeep;
        upkeep = null;
        if (running != null) {
            running.shutdown();
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The database file's upkeep did not stop within 10 s");
            }
        }
        SynclineDatabase open = database;
        database = null;
        if (open != null) {
            open.close();
        }
    }

    /** The open database. @throws IllegalStateException when not started */
    public SynclineDatabase database() {
        SynclineDatabase open = database;
        if (open == null) {
            throw new IllegalStateException("the engine's database is not open");
        }
        return open;
    }

    /** Where the runs keep their jobs' saved states between runs. */
    public SavedStateCache savedStates() {
        return savedStates;
    }

    /** Checks the database now (one connection and query). */
    public DatabaseHealth health() {
        SavedStateCache.Status kept = savedStates.status();
        DatabaseHealth.KeptStates keptStates = new DatabaseHealth.KeptStates(kept.paths(), kept.rows(), kept.maxRows(),
                kept.foldersServed(), kept.foldersRead());
        SynclineDatabase open = database;
        if (open == null) {
            return new DatabaseHealth("DOWN", profile.kind().displayName(), null, null, null, "not open", keptStates);
        }
        try {
            DatabaseStatus status = open.status();
            return new DatabaseHealth("UP", profile.kind().displayName(), status.product(), status.productVersion(),
                    status.schemaVersion(), null, keptStates);
        } catch (DatabaseException e) {
            return new DatabaseHealth("DOWN", profile.kind().displayName(), null, null, null, e.getMessage(), keptStates);
        }
    }
}
