package dev.rt.spring;

import dev.rt.ChildSpec;
import java.util.Objects;

/**
 * A child to add to a named supervisor at startup, declared as a bean. This is how modules that build
 * their own actors (routers, service actors) place them in the supervision trees assembled from
 * {@code rt.supervisors.*}, {@link dev.rt.SupervisorSpec} beans and {@link RtActor} beans. Such children
 * start after the supervisor's own children, nested supervisors and actor beans.
 *
 * @param supervisor the name of a supervisor declared in the configuration or by a spec bean
 * @param child the child
 */
public record SupervisedChild(String supervisor, ChildSpec child) {

    /** Checks the parts. */
    public SupervisedChild {
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(child, "child");
    }
}
