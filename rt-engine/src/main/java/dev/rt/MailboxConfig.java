package dev.rt;

import java.time.Duration;
import java.util.Objects;

/**
 * The kind of mailbox an actor gets.
 *
 * <ul>
 *   <li>{@link #unbounded()} (default): a lock-free MPSC queue, allocated on the first message so an
 *       idle actor costs little memory.</li>
 *   <li>{@link #bounded(int, Backpressure)}: fixed capacity; what happens when full is the strategy.</li>
 *   <li>{@link #priority()}: one FIFO queue per {@link MessagePriority} level.</li>
 * </ul>
 *
 * @param kind the mailbox kind
 * @param capacity the capacity of a bounded mailbox, 0 otherwise
 * @param backpressure what a full bounded mailbox does
 * @param blockTimeout how long {@link Backpressure#BLOCK} waits at most
 */
public record MailboxConfig(Kind kind, int capacity, Backpressure backpressure, Duration blockTimeout) {

    /** Default wait of {@link Backpressure#BLOCK}. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);

    private static final MailboxConfig UNBOUNDED =
            new MailboxConfig(Kind.UNBOUNDED, 0, Backpressure.FAIL, DEFAULT_BLOCK_TIMEOUT);
    private static final MailboxConfig PRIORITY =
            new MailboxConfig(Kind.PRIORITY, 0, Backpressure.FAIL, DEFAULT_BLOCK_TIMEOUT);

    /** Mailbox kinds. */
    public enum Kind {
        /** Unbounded FIFO. */
        UNBOUNDED,
        /** Bounded FIFO with a backpressure strategy. */
        BOUNDED,
        /** Unbounded, FIFO within each of four priority levels. */
        PRIORITY
    }

    /** What a full bounded mailbox does with a new message. */
    public enum Backpressure {
        /** Refuse it: {@code tell} throws {@link MailboxFullException}, {@code offer} returns FULL. */
        FAIL,
        /** Dead-letter the new message ({@code MAILBOX_FULL}); the sender is not interrupted. */
        DROP_NEWEST,
        /** Dead-letter the oldest queued message to make room for the new one. */
        DROP_OLDEST,
        /** Wait for room up to the block timeout, then fail like {@link #FAIL}. */
        BLOCK
    }

    /** Validates the configuration. */
    public MailboxConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (kind == Kind.BOUNDED && capacity < 1) {
            throw new IllegalArgumentException("bounded mailbox capacity must be at least 1, was " + capacity);
        }
        if (blockTimeout.isNegative() || blockTimeout.isZero()) {
            throw new IllegalArgumentException("mailbox block timeout must be positive, was " + blockTimeout);
        }
    }

    /** @return the default unbounded mailbox */
    public static MailboxConfig unbounded() {
        return UNBOUNDED;
    }

    /** @return a priority mailbox */
    public static MailboxConfig priority() {
        return PRIORITY;
    }

    /**
     * @param capacity at least 1
     * @param backpressure what to do when full
     * @return a bounded mailbox
     */
    public static MailboxConfig bounded(int capacity, Backpressure backpressure) {
        return new MailboxConfig(Kind.BOUNDED, capacity, backpressure, DEFAULT_BLOCK_TIMEOUT);
    }

    /**
     * @param capacity at least 1
     * @param blockTimeout how long a sender waits for room at most
     * @return a bounded mailbox whose senders wait for room
     */
    public static MailboxConfig boundedBlocking(int capacity, Duration blockTimeout) {
        return new MailboxConfig(Kind.BOUNDED, capacity, Backpressure.BLOCK, blockTimeout);
    }
}
