package dev.rt.monitor;

/**
 * Delivery counters of one actor or of a whole system, read without stopping anything. Counters are
 * monotonic; {@code mailboxDepth} is a current value. When nothing is in flight,
 * {@code sent == delivered + deadLettered}.
 *
 * @param sent messages that reached the mailbox, accepted or not
 * @param delivered messages whose handler returned normally
 * @param failed messages whose handler threw (each is also dead-lettered)
 * @param deadLettered messages not handled, for any reason
 * @param dropped messages refused or evicted by a full bounded mailbox (each is also dead-lettered or
 *                reported to the sender)
 * @param redelivered redelivery attempts after failures
 * @param mailboxDepth messages waiting now
 * @param highWaterMark the largest depth seen when the actor was dispatched
 */
public record DeliveryStats(long sent, long delivered, long failed, long deadLettered, long dropped,
                            long redelivered, long mailboxDepth, long highWaterMark) {

    /** No activity. */
    public static final DeliveryStats EMPTY = new DeliveryStats(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * @param other counters to add
     * @return the sum; the high-water mark is the larger of the two
     */
    public DeliveryStats plus(DeliveryStats other) {
        return new DeliveryStats(sent + other.sent, delivered + other.delivered, failed + other.failed,
                deadLettered + other.deadLettered, dropped + other.dropped, redelivered + other.redelivered,
                mailboxDepth + other.mailboxDepth, Math.max(highWaterMark, other.highWaterMark));
    }
}
