package dev.rt.remote.nats;

/**
 * A message is too large for the wire: its frame exceeds the NATS server's maximum payload, or one of the
 * frame's strings (target, type name, sender, deduplication id) exceeds 65,535 bytes. It becomes a
 * {@code CODEC_ERROR} dead letter; an {@code ask} fails with this exception. Retrying cannot help.
 */
public final class MessageTooLargeException extends MessageCodecException {

    /**
     * @param message what is too large, its size and the limit
     */
    public MessageTooLargeException(String message) {
        super(message);
    }
}
