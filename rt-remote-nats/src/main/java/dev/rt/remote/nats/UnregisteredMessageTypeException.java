package dev.rt.remote.nats;

/**
 * A message type that is not on the allow-list of {@link MessageTypes}: it is neither sent nor, when it
 * arrives, deserialized, so no arbitrary class is ever instantiated from the wire.
 */
public final class UnregisteredMessageTypeException extends MessageCodecException {

    /**
     * @param message what was not registered, and how to register it
     */
    public UnregisteredMessageTypeException(String message) {
        super(message);
    }
}
