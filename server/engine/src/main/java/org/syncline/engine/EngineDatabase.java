package org.syncline.engine;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.DatabaseStatus;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.store.DatabaseSettings;

/**
 * The engine's shared database as a life-cycle component: {@link #doStart()} opens it, creating
 * or upgrading the schema (once, even when several engines start together on an empty database;
 * the persistence layer sees to that). A start fails with the persistence layer's message for
 * the user (wrong password, unreachable, schema newer than this program). Thread-safe.
 */
public final class EngineDatabase extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(EngineDatabase.class);

    private final DatabaseProfile profile;
    private final int runHistoryDays;
    private volatile SynclineDatabase database;

    /** The database of {@code profile}, keeping the default days of run history. */
    public EngineDatabase(DatabaseProfile profile) {
        this(profile, DatabaseSettings.DEFAULT_RUN_HISTORY_DAYS);
    }

    /** @param runHistoryDays how many days the runs of each job are kept (0: all), see {@link DatabaseSettings#runHistoryDays()} */
    public EngineDatabase(DatabaseProfile profile, int runHistoryDays) {
        this.profile = profile;
        this.runHistoryDays = runHistoryDays;
    }

    /** How many days the runs of each job are kept (0: all). */
    public int runHistoryDays() {
        return runHistoryDays;
    }

    @Override
    protected void doStart() {
        database = SynclineDatabase.open(profile);
        LOG.info("Database: {}", profile);
    }

    @Override
    protected void doStop() {
        database = null;
    }

    /** The open database. @throws IllegalStateException when not started */
    public SynclineDatabase database() {
        SynclineDatabase open = database;
        if (open == null) {
            throw new IllegalStateException("the engine's database is not open");
        }
        return open;
    }

    /** Checks the database now (one connection and query). */
    public DatabaseHealth health() {
        SynclineDatabase open = database;
        if (open == null) {
            return new DatabaseHealth("DOWN", profile.kind().displayName(), null, null, null, "not open");
        }
        try {
            DatabaseStatus status = open.status();
            return new DatabaseHealth("UP", profile.kind().displayName(), status.product(), status.productVersion(),
                    status.schemaVersion(), null);
        } catch (DatabaseException e) {
            return new DatabaseHealth("DOWN", profile.kind().displayName(), null, null, null, e.getMessage());
        }
    }
}
