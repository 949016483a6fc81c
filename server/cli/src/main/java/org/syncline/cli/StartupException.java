package org.syncline.cli;

/** A service could not start, e.g. its port is taken. Exit code 1. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
