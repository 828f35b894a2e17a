package dev.rt.spring.router;

import java.time.Duration;
import java.util.Objects;

/**
 * A router as configured under {@code rt.routers.<name>}, checked.
 *
 * @param name the router's name: its ref's qualifier and its supervisor's name under {@code /user}
 * @param actor the name of the {@link dev.rt.spring.RtActor} bean whose instances are the routees
 * @param strategy how a message picks its routee
 * @param poolSize how many routees, at least 1
 * @param hashKeyBean the name of the key function bean, or {@code null} (only with consistent hashing)
 * @param maxRestarts routee restarts allowed within {@code period}
 * @param period the intensity window
 */
public record RouterSettings(String name, String actor, RouterStrategy strategy, int poolSize, String hashKeyBean,
                             int maxRestarts, Duration period) {

    /** Checks the parts. */
    public RouterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
    }

    /**
     * @param key a key of the router, such as {@code actor}
     * @return the full property name, such as {@code rt.routers.workers.actor}
     */
    public String property(String key) {
        return "rt.routers." + name + "." + key;
    }
}
