package dev.rt;

import java.util.concurrent.TimeoutException;

/** An {@code ask} got no reply within its timeout. A reply that comes later is a dead letter. */
public final class AskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the target, the request type and the timeout
     */
    public AskTimeoutException(String message) {
        super(message);
    }
}
