package dev.rt.spring.router;

import dev.rt.RoutingStrategy;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** How a router configured under {@code rt.routers.<name>.strategy} picks the routee of a message. */
public enum RouterStrategy {

    /** Routees in turn: exactly even for one sender, about even for concurrent senders. */
    ROUND_ROBIN,
    /** A uniformly random routee. */
    RANDOM,
    /** The routee with the fewest queued messages, so a slow routee gets less work. */
    SMALLEST_MAILBOX,
    /**
     * Equal keys always reach the same live routee; the key comes from the function bean named by
     * {@code rt.routers.<name>.hash-key-bean}.
     */
    CONSISTENT_HASHING,
    /** Every message to every routee; an ask completes with the first reply. */
    BROADCAST;

    /**
     * @param key extracts the routing key; required for {@link #CONSISTENT_HASHING}, ignored otherwise
     * @param <M> the message type
     * @return a new strategy instance (round-robin keeps state, so each router needs its own)
     */
    public <M> RoutingStrategy<M> create(Function<? super M, ?> key) {
        return switch (this) {
            case ROUND_ROBIN -> RoutingStrategy.roundRobin();
            case RANDOM -> RoutingStrategy.random();
            case SMALLEST_MAILBOX -> RoutingStrategy.smallestMailbox();
            case CONSISTENT_HASHING -> RoutingStrategy.consistentHashing(Objects.requireNonNull(key, "key"));
            case BROADCAST -> RoutingStrategy.broadcast();
        };
    }

    /** @return the value as written in the configuration, such as {@code round-robin} */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
