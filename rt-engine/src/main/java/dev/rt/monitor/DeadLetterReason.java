package dev.rt.monitor;

/** Why a message was not handled. */
public enum DeadLetterReason {
    /** No actor lives at the address (for example a lookup of a stopped path, or an ask with no target). */
    NO_SUCH_ACTOR,
    /** The receiver had stopped, or stopped before handling it, or the system was shutting down. */
    STOPPED,
    /** A bounded mailbox had no room. */
    MAILBOX_FULL,
    /** Its time to live ran out in the mailbox. */
    EXPIRED,
    /** The handler threw while handling it. */
    FAILED,
    /** A reply that came after its ask had timed out. */
    TIMED_OUT,
    /** A second reply to an ask that was already answered. */
    ALREADY_ANSWERED,
    /** A reply addressed to the "no sender" ref. */
    NO_SENDER,
    /** Published to a topic nobody subscribes to. */
    NO_SUBSCRIBERS,
    /** An exactly-once message whose id the receiver had already seen (a retry); handled once. */
    DUPLICATE,
    /** A message for another node that could not be encoded, or one from another node that could not be decoded. */
    CODEC_ERROR,
    /** A message for another node that the transport could not deliver (no connection, no such node, no receiver). */
    UNREACHABLE
}
