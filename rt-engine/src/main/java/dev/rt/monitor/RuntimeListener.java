package dev.rt.monitor;

import dev.rt.ActorAddress;

/**
 * The monitoring SPI: lifecycle, failure and dead-letter events, plus sampled latencies. Called on
 * runtime threads: implementations must be thread-safe, quick and must not block. Exceptions they throw
 * are caught and logged (rate-limited), never propagated.
 */
public interface RuntimeListener {

    /** A listener that ignores everything. */
    RuntimeListener NO_OP = new RuntimeListener() {
    };

    /**
     * @param event what happened
     */
    default void onEvent(RuntimeEvent event) {
    }

    /**
     * A sampled message: how long it waited in the mailbox and how long its handler ran. Called only
     * when sampling is enabled, for about one message in the sampling interval.
     *
     * @param actor the receiver
     * @param timeInMailboxNanos from enqueue to the start of handling
     * @param processingNanos handler duration
     */
    default void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
    }
}
