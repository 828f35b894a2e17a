package dev.rt.spring.router;

import dev.rt.Actor;
import dev.rt.RoutingStrategy;
import dev.rt.SpawnOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything needed to start one pool router.
 *
 * @param name the router's name; its routees run under the supervisor {@code /user/<name>}
 * @param factory makes each routee, and a fresh instance on every restart
 * @param options mailbox and dispatcher of every routee
 * @param strategy the router's own strategy instance
 * @param poolSize how many routees
 * @param maxRestarts routee restarts allowed within {@code period} before the pool's supervisor gives up
 * @param period the intensity window
 */
public record RouterDefinition(String name, Supplier<? extends Actor<?>> factory, SpawnOptions options,
                               RoutingStrategy<?> strategy, int poolSize, int maxRestarts, Duration period) {

    /** Checks the parts. */
    public RouterDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
    }

    /** @return the path of the pool's supervisor, which is also the router's address */
    public String path() {
        return "/user/" + name;
    }
}
