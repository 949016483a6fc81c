package org.syncline.sync.replica;

import java.io.IOException;

/**
 * An operation was refused because the path would leave the replica root, for example through a
 * symbolic link to a folder outside it.
 */
public class UnsafePathException extends IOException {

    public UnsafePathException(String message) {
        super(message);
    }
}
