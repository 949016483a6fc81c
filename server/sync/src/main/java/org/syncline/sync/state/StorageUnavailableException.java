package org.syncline.sync.state;

import java.io.IOException;

/**
 * The state and run history cannot be opened, e.g. a wrong database password, an unreachable
 * server or a schema from a newer Syncline. The message is written for the user; nothing was
 * changed on any path.
 */
public final class StorageUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
