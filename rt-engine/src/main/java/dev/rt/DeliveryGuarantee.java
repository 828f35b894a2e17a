package dev.rt;

/** How hard the runtime tries to deliver a message. */
public enum DeliveryGuarantee {
    /** Plain tell: a failure or a full mailbox dead-letters the message. The default. */
    AT_MOST_ONCE,
    /** Redelivered after a failure until handled normally, within a bounded number of attempts. */
    AT_LEAST_ONCE,
    /** At least once, plus deduplication by message id at the receiver. */
    EXACTLY_ONCE
}
