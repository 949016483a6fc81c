package org.syncline.persistence;

/**
 * A write fenced by a {@link RunFence} was refused: the job's lease is no longer the run's (it
 * expired and another run claimed the job, or the run released it). Nothing was written.
 */
public class LeaseLostException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }
}
