package org.syncline.sync.scan;

/** A file or subfolder mask, or a range, that cannot be understood; the message says why and how to fix it. */
public class InvalidFilterException extends IllegalArgumentException {

    public InvalidFilterException(String message) {
        super(message);
    }
}
