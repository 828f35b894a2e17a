package dev.rt.monitor;

/**
 * One mailbox's counters, read from the queue's own indices (no counting on the send path).
 *
 * @param enqueued messages that entered the mailbox
 * @param dequeued messages taken out (handled, dead-lettered from the mailbox, or evicted by DROP_OLDEST)
 * @param dropped messages refused or evicted because a bounded mailbox was full
 * @param depth messages waiting now
 * @param highWaterMark the largest depth seen when the actor was dispatched
 */
public record MailboxStats(long enqueued, long dequeued, long dropped, long depth, long highWaterMark) {
}
