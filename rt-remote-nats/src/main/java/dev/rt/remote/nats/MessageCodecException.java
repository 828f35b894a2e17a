package dev.rt.remote.nats;

import dev.rt.RtException;

/**
 * A message could not be encoded for the wire or decoded from it. The message becomes a dead letter with
 * reason {@code CODEC_ERROR} and the codec-error counter goes up; an {@code ask} fails with this exception.
 */
public class MessageCodecException extends RtException {

    /**
     * @param message what went wrong
     */
    public MessageCodecException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the codec's failure
     */
    public MessageCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
