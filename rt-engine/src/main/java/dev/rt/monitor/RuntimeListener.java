package dev.rt.monitor;

import dev.rt.ActorAddress;
import java.util.List;

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
     * @param listeners listeners to call in order; an exception in one does not keep the others from
     *                  being called
     * @return one listener that calls them all
     */
    static RuntimeListener composite(List<? extends RuntimeListener> listeners) {
        List<RuntimeListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return NO_OP;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new RuntimeListener() {
            @Override
            public void onEvent(RuntimeEvent event) {
                RuntimeException first = null;
                for (RuntimeListener listener : copy) {
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
            }

            @Override
            public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
                for (RuntimeListener listener : copy) {
                    try {
                        listener.onMessageSampled(actor, timeInMailboxNanos, processingNanos);
                    } catch (RuntimeException ignored) {
                        // one failing listener must not starve the others; the runtime logs the first event error
                    }
                }
            }
        };
    }

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
