package org.syncline.model.validation;

/** Thrown when a file or subfolder mask list cannot be read; the message says what is wrong and where. */
public final class MaskSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MaskSyntaxException(String message) {
        super(message);
    }
}
