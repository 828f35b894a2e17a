package dev.rt;

import java.util.Objects;

/**
 * Tells a watcher that an actor it watches has stopped. Delivered once per watch.
 *
 * @param ref the actor that stopped
 */
public record Terminated(ActorRef<?> ref) implements Signal {
    /** Checks the ref. */
    public Terminated {
        Objects.requireNonNull(ref, "ref");
    }
}
