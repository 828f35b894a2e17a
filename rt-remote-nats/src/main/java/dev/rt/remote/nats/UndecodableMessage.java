package dev.rt.remote.nats;

/**
 * What a dead letter carries when a message from another node could not be decoded: the bytes never
 * became an object, so the letter describes them instead.
 *
 * @param subject the NATS subject it came on
 * @param typeName the wire type name it claimed, or empty if the frame itself was unreadable
 * @param size its size in bytes
 * @param error why it could not be decoded
 */
public record UndecodableMessage(String subject, String typeName, int size, String error) {
}
