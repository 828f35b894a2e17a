package dev.rt.remote.nats;

/**
 * Turns message payloads into bytes and back. The transport has already checked the type against the
 * {@link MessageTypes} allow-list; a codec only encodes registered classes and decodes into the class it
 * is given. Refs inside messages are written and read through the {@link RefCodec} the codec was made with.
 * Implementations must be thread-safe.
 */
public interface MessageCodec {

    /**
     * @param message a message of a registered type
     * @return its bytes
     * @throws MessageCodecException if it cannot be encoded
     */
    byte[] encode(Object message);

    /**
     * @param bytes what {@link #encode} produced on some node
     * @param type the registered class for the wire name that came with the bytes
     * @param <T> the type
     * @return the message
     * @throws MessageCodecException if the bytes do not decode into {@code type}
     */
    <T> T decode(byte[] bytes, Class<T> type);

    /** Makes a codec for a node, given how that node writes and reads refs. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param refs writes local refs as wire strings and reads wire strings as refs
         * @return the codec
         */
        MessageCodec create(RefCodec refs);
    }
}
