package org.syncline.cli;

/**
 * The configuration cannot be used. The message names the file and key, says what was
 * expected and what was found; it is shown to the user as is. Exit code 2.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
