package dev.rt.spring.router;

import dev.rt.spring.actor.ActorDeclaration;
import java.util.Objects;

/**
 * A configured router, resolved against the actor beans.
 *
 * @param settings what {@code rt.routers.<name>} says
 * @param routee the actor bean whose fresh instances are the routees
 */
public record RouterDeclaration(RouterSettings settings, ActorDeclaration routee) {

    /** Checks the parts. */
    public RouterDeclaration {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(routee, "routee");
    }

    /** @return the router's name */
    public String name() {
        return settings.name();
    }
}
