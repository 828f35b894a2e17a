package dev.rt.remote.nats;

import dev.rt.RtException;

/** The remote transport could not start, or could not set up a service (no server, JetStream refused, ...). */
public final class NatsRemotingException extends RtException {

    /**
     * @param message what failed
     * @param cause why
     */
    public NatsRemotingException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed
     */
    public NatsRemotingException(String message) {
        super(message);
    }
}
