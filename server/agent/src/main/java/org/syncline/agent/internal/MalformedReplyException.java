package org.syncline.agent.internal;

/** A message from the other side was well-formed Thrift but broke the protocol's rules. */
public final class MalformedReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super(message);
    }

    public MalformedReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
