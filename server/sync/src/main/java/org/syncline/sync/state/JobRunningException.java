package org.syncline.sync.state;

/** A job cannot run now: another run of it holds its {@link RunLock}. The message says who and since when. */
public final class JobRunningException extends Exception {

    private static final long serialVersionUID = 1L;

    public JobRunningException(String message) {
        super(message);
    }
}
