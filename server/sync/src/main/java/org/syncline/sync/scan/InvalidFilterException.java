package org.syncline.sync.scan;

/** A date or size range, or another filter setting, that cannot be used; the message says why and how to fix it. */
public class InvalidFilterException extends IllegalArgumentException {

    public InvalidFilterException(String message) {
        super(message);
    }
}
