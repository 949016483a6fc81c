package org.syncline.persistence;

/**
 * A save or delete was refused because someone else changed or deleted the object since it was
 * loaded. Nothing was written; reload the object and apply the change again.
 */
public class ConcurrentChangeException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String message) {
        super(message);
    }
}
