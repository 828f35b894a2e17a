package dev.rt;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Creates routers: pools that own their routees and groups over refs you have.
 *
 * <pre>{@code
 * PoolRouter<Work> workers = Routers.pool("workers", Worker::new).size(4).start(system);
 * Router<Index> shards = Routers.group(system, "shards", List.of(s1, s2, s3),
 *         RoutingStrategy.consistentHashing(Index::term));
 * }</pre>
 */
public final class Routers {

    private Routers() {
    }

    /**
     * @param name the pool's name: its supervisor lives at {@code /user/<name>}
     * @param factory makes each routee, and a fresh instance on every restart
     * @param <M> the message type
     * @return a builder (size, strategy, options, intensity)
     */
    public static <M> PoolRouter.Builder<M> pool(String name, Supplier<? extends Actor<M>> factory) {
        return new PoolRouter.Builder<>(name, factory);
    }

    /**
     * @param system the actor system
     * @param name the group's name, for its address and dead letters
     * @param routees the refs to route over; those that stop are dropped
     * @param strategy how to pick
     * @param <M> the message type
     * @return the router
     */
    public static <M> Router<M> group(ActorSystem system, String name, List<? extends ActorRef<M>> routees,
                                      RoutingStrategy<M> strategy) {
        Objects.requireNonNull(system, "system");
        ActorNames.validate(name);
        Objects.requireNonNull(routees, "routees");
        for (ActorRef<M> routee : routees) {
            Objects.requireNonNull(routee, "routee");
        }
        return new GroupRouter<>(system, new ActorAddress(system.name(), "/routers/" + name, system.nextUid()),
                strategy, routees);
    }
}
