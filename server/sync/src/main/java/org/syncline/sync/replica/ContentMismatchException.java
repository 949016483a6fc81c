package org.syncline.sync.replica;

import java.io.IOException;

/**
 * A write was refused because what arrived differs from what was announced (size or hash), or the
 * source changed while it was read. The target was left untouched.
 */
public class ContentMismatchException extends IOException {

    public ContentMismatchException(String message) {
        super(message);
    }
}
