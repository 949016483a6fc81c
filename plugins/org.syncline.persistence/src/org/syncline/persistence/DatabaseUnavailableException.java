package org.syncline.persistence;

/** The database could not be opened; {@link #reason()} says why, the message says what to do. */
public class DatabaseUnavailableException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** Why a database could not be opened. */
    public enum Reason {
        /** The user name or password was refused. */
        WRONG_LOGIN,
        /** The server could not be reached. */
        UNREACHABLE,
        /** The server has no database of that name. */
        MISSING_DATABASE,
        /** The database was upgraded by a newer Syncline than this one. */
        SCHEMA_TOO_NEW,
        /** Anything else. */
        OTHER
    }

    private final Reason reason;

    public DatabaseUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
