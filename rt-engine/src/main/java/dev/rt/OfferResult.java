package dev.rt;

/** The outcome of {@link ActorRef#offer}: reported, never thrown. */
public enum OfferResult {
    /** The message is in the mailbox. */
    ACCEPTED,
    /** The bounded mailbox had no room; the message was not enqueued. */
    FULL,
    /** The actor has stopped; the message was not enqueued. */
    DEAD
}
