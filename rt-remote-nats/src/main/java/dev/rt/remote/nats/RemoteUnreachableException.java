package dev.rt.remote.nats;

import dev.rt.RtException;

/**
 * A message for another node could not be handed to NATS (the connection is closed, or the node is not
 * a live member). The message is a dead letter with reason {@code UNREACHABLE}; an ask fails with this.
 */
public final class RemoteUnreachableException extends RtException {

    /**
     * @param message what could not be reached, and why
     */
    public RemoteUnreachableException(String message) {
        super(message);
    }
}
