package org.syncline.persistence.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;

/** Opens databases the way a product would, with no help from the test runtime's context class loader. */
public final class Databases {

    private static final List<SynclineDatabase> OPENED = new CopyOnWriteArrayList<>();

    private Databases() {
    }

    /**
     * Opens {@code profile} with the thread's context class loader set to null, as outside the test
     * harness; closed by {@link #closeOpened()}.
     */
    public static SynclineDatabase open(DatabaseProfile profile) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            SynclineDatabase database = SynclineDatabase.open(profile);
            OPENED.add(database);
            return database;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Closes the databases opened since the last call (their connections to a server). */
    public static void closeOpened() {
        for (SynclineDatabase database : OPENED) {
            database.close();
        }
        OPENED.clear();
    }
}
