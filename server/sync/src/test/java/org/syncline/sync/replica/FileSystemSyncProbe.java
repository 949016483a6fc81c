package org.syncline.sync.replica;

/** Lets tests outside this package ask whether {@link FileSystemSync} works here, and fix its choice. */
public final class FileSystemSyncProbe {

    private FileSystemSyncProbe() {
    }

    public static boolean available() {
        return FileSystemSync.available();
    }

    /**
     * {@code replica}, taking its barrier whatever else this machine is writing meanwhile (a build
     * running beside the test), so that a test of the barrier does not depend on it.
     */
    public static LocalReplica ignoringOthersWaiting(LocalReplica replica) {
        replica.othersWaiting = own -> false;
        return replica;
    }
}
