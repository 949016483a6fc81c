package org.syncline.masks;

/**
 * A file or subfolder mask list that cannot be read. The message is written for the person who
 * typed the masks: which mask, what is wrong with it, and how to write it.
 */
public final class MaskSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MaskSyntaxException(String message) {
        super(message);
    }
}
