package dev.rt.remote.nats;

import dev.rt.DeliveryGuarantee;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message on the wire: a small binary header (target, type name, sender, guarantee, time to live,
 * deduplication id) followed by the codec's payload. Kept in the NATS body rather than in NATS headers,
 * which cost a parse per message.
 *
 * @param target the actor path on the receiving node, or the service name
 * @param targetUid the actor's incarnation, or 0 for whatever lives at the path
 * @param typeName the registered wire name of the payload's type
 * @param sender the sender's wire ref, or empty
 * @param guarantee the guarantee chosen by the sender
 * @param ttlMillis the time to live, or 0 for none
 * @param deduplicationId the exactly-once id, or empty
 * @param payload the codec's bytes
 */
record Frame(String target, long targetUid, String typeName, String sender, DeliveryGuarantee guarantee,
             long ttlMillis, String deduplicationId, byte[] payload) {

    private static final byte VERSION = 1;
    private static final DeliveryGuarantee[] GUARANTEES = DeliveryGuarantee.values();

    /** A frame string's length is written as an unsigned short. */
    static final int MAX_STRING_BYTES = 0xFFFF;

    /**
     * @return the frame's bytes
     * @throws MessageTooLargeException if a string of the header is longer than {@value #MAX_STRING_BYTES} bytes
     */
    byte[] encode() {
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        byte[] n = typeName.getBytes(StandardCharsets.UTF_8);
        byte[] s = sender.getBytes(StandardCharsets.UTF_8);
        byte[] d = deduplicationId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + 8 + 4 * 2 + t.length + n.length + s.length + d.length
                + payload.length);
        out.put(VERSION).put((byte) guarantee.ordinal()).putLong(targetUid).putLong(ttlMillis);
        putString(out, t, "target");
        putString(out, n, "type name");
        putString(out, s, "sender");
        putString(out, d, "deduplication id");
        out.put(payload);
        return out.array();
    }

    /**
     * @param bytes a frame from the wire
     * @return the frame
     * @throws MessageCodecException if the bytes are not a frame of this version
     */
    static Frame decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new MessageCodecException("unknown frame version " + version);
            }
            int g = in.get();
            if (g < 0 || g >= GUARANTEES.length) {
                throw new MessageCodecException("unknown delivery guarantee " + g);
            }
            long uid = in.getLong();
            long ttl = in.getLong();
            String target = getString(in);
            String type = getString(in);
            String sender = getString(in);
            String dedup = getString(in);
            byte[] payload = new byte[in.remaining()];
            in.get(payload);
            return new Frame(target, uid, type, sender, GUARANTEES[g], ttl, dedup, payload);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new MessageCodecException("malformed frame (" + bytes.length + " bytes)", e);
        }
    }

    private static void putString(ByteBuffer out, byte[] utf8, String what) {
        if (utf8.length > MAX_STRING_BYTES) { // the short length would silently wrap around
            throw new MessageTooLargeException("the " + what + " is " + utf8.length + " bytes in UTF-8; a frame"
                    + " allows at most " + MAX_STRING_BYTES);
        }
        out.putShort((short) utf8.length);
        out.put(utf8);
    }

    private static String getString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new IllegalArgumentException("string longer than the frame");
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
