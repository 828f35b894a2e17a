package dev.rt;

/**
 * A queued message with its sender. A message sent without a sender (and without sampling or expiry)
 * is queued as it is, with no envelope at all; subclasses carry the rarer extras so the common
 * envelope stays at two references (24 bytes with compressed oops).
 */
class Envelope {
    final Object message;
    final ActorRef<?> sender;

    Envelope(Object message, ActorRef<?> sender) {
        this.message = message;
        this.sender = sender;
    }

    /** A message with a time to live. */
    static final class Expiring extends Envelope {
        final long deadlineNanos;

        Expiring(Object message, ActorRef<?> sender, long deadlineNanos) {
            super(message, sender);
            this.deadlineNanos = deadlineNanos;
        }
    }

    /** A message picked for latency sampling: it remembers when it was enqueued. */
    static final class Sampled extends Envelope {
        final long enqueuedNanos;

        Sampled(Object message, ActorRef<?> sender, long enqueuedNanos) {
            super(message, sender);
            this.enqueuedNanos = enqueuedNanos;
        }
    }

    /** A message for a message adapter, converted on the owner's thread. */
    static final class Adapted extends Envelope {
        final AdapterRef<?, ?> adapter;
        /** The guarantee chosen by the sender, or {@code null} for the converted message's own. */
        final DeliveryGuarantee guarantee;

        Adapted(Object message, ActorRef<?> sender, AdapterRef<?, ?> adapter, DeliveryGuarantee guarantee) {
            super(message, sender);
            this.adapter = adapter;
            this.guarantee = guarantee;
        }
    }

    /** A message whose delivery guarantee the sender chose, overriding its type's. */
    static final class Guaranteed extends Envelope {
        final DeliveryGuarantee guarantee;

        Guaranteed(Object message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
            super(message, sender);
            this.guarantee = guarantee;
        }
    }

    /** A timer's tick; dropped on delivery if the timer was cancelled or replaced since. */
    static final class Timer extends Envelope {
        final Object key;
        final long generation;

        Timer(Object message, Object key, long generation) {
            super(message, null);
            this.key = key;
            this.generation = generation;
        }
    }
}
