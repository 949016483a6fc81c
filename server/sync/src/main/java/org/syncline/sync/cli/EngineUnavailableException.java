package org.syncline.sync.cli;

/** The engine asked for with {@code --engine} cannot be reached; the message says why and what to do. */
public final class EngineUnavailableException extends Exception {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
