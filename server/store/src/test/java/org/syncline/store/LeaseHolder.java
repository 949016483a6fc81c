package org.syncline.store;

import java.nio.file.Path;

import org.syncline.sync.state.JobStorageProvider;

/**
 * A process that claims a job as {@code syncline sync} does and then holds it until it is killed:
 * {@code LeaseHolder PROFILE JOB} prints {@code holding TOKEN} once the claim is made.
 */
public final class LeaseHolder {

    private LeaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        var catalog = new DatabaseJobStorageProvider().open(new JobStorageProvider.Choice(null, Path.of(args[0])));
        DatabaseRunLock lock = (DatabaseRunLock) catalog.lockRun(args[1], () -> System.exit(3));
        System.out.println("holding " + lock.token());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
