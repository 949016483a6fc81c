package org.syncline.store;

/** The database settings are missing something or malformed; the message says which and where. */
public final class InvalidDatabaseSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidDatabaseSettingsException(String message) {
        super(message);
    }
}
