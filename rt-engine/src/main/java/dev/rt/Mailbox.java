package dev.rt;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.QueueProgressIndicators;

/**
 * An actor's user-message queue: many producers, one consumer (the actor's turn). Queues are allocated
 * on the first message so an actor that was never messaged costs no queue memory.
 */
abstract class Mailbox {

    /** Offer outcome: enqueued. */
    static final int ACCEPTED = 0;
    /** Offer outcome: no room (bounded mailboxes only). */
    static final int FULL = 1;

    /**
     * @param config the mailbox configuration
     * @return an empty mailbox of that kind
     */
    static Mailbox create(MailboxConfig config) {
        return switch (config.kind()) {
            case UNBOUNDED -> new UnboundedMailbox();
            case BOUNDED -> new BoundedMailbox(config);
            case PRIORITY -> new PriorityMailbox();
        };
    }

    /**
     * @param item a message or envelope
     * @return {@link #ACCEPTED} or {@link #FULL}
     */
    abstract int offer(Object item);

    /** @return the next item, or {@code null}; consumer only */
    abstract Object poll();

    /** @return whether nothing waits */
    abstract boolean isEmpty();

    /** @return approximate number of waiting items */
    abstract long depth();

    /** @return items ever accepted */
    abstract long enqueued();

    /** @return items ever taken out */
    abstract long dequeued();

    /** @return the configuration this mailbox was built from, for backpressure decisions */
    abstract MailboxConfig config();

    /**
     * Removes the oldest item to make room ({@link MailboxConfig.Backpressure#DROP_OLDEST} only).
     *
     * @return the evicted item, or {@code null}
     */
    Object evictOldest() {
        return null;
    }

    static long produced(MessagePassingQueue<?> queue) {
        return queue == null ? 0 : ((QueueProgressIndicators) queue).currentProducerIndex();
    }

    static long consumed(MessagePassingQueue<?> queue) {
        return queue == null ? 0 : ((QueueProgressIndicators) queue).currentConsumerIndex();
    }
}
