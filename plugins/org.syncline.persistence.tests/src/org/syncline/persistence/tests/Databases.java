package org.syncline.persistence.tests;

import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;

/** Opens databases the way a product would, with no help from the test runtime's context class loader. */
final class Databases {

    private Databases() {
    }

    /** Opens {@code profile} with the thread's context class loader set to null, as outside the test harness. */
    static SynclineDatabase open(DatabaseProfile profile) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            return SynclineDatabase.open(profile);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
