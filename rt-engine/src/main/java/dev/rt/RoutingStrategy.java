package dev.rt;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a router picks a routee for a message. It runs on the sender's thread, so it must be thread-safe
 * and cheap: no locks, no blocking.
 *
 * @param <M> the message type
 */
@FunctionalInterface
public interface RoutingStrategy<M> {

    /** Returned by {@link #select} to send the message to every routee. */
    int BROADCAST = -1;

    /**
     * @param message the message to route
     * @param routees the current routees, never empty
     * @return the index of the routee, or {@link #BROADCAST}
     */
    int select(M message, Routees<M> routees);

    /**
     * @param <M> the message type
     * @return routees in turn; exactly even for one sender, about even for concurrent senders (the
     *         counter is not atomic, to keep senders from contending on it)
     */
    static <M> RoutingStrategy<M> roundRobin() {
        return new RoundRobinStrategy<>();
    }

    /**
     * @param <M> the message type
     * @return a uniformly random routee
     */
    static <M> RoutingStrategy<M> random() {
        return (message, routees) -> java.util.concurrent.ThreadLocalRandom.current().nextInt(routees.size());
    }

    /**
     * @param <M> the message type
     * @return the routee with the fewest queued messages, so a slow routee gets less work
     */
    static <M> RoutingStrategy<M> smallestMailbox() {
        return new SmallestMailboxStrategy<>();
    }

    /**
     * @param key extracts the routing key; equal keys always reach the same live routee, and adding or
     *            removing a routee moves only about 1/N of the keys
     * @param <M> the message type
     * @return consistent hashing on a ring of virtual nodes
     */
    static <M> RoutingStrategy<M> consistentHashing(Function<? super M, ?> key) {
        return new ConsistentHashingStrategy<>(Objects.requireNonNull(key, "key"));
    }

    /**
     * Every message to every routee. With {@code ask}, this is scatter-gather-first-completed: the first
     * reply completes the future and the later ones are counted as dead letters
     * ({@code ALREADY_ANSWERED}).
     *
     * @param <M> the message type
     * @return broadcast
     */
    static <M> RoutingStrategy<M> broadcast() {
        return (message, routees) -> BROADCAST;
    }
}
