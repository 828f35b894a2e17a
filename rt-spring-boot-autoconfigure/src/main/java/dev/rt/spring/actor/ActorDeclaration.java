package dev.rt.spring.actor;

import dev.rt.MailboxConfig;
import dev.rt.RestartType;
import dev.rt.ShutdownPolicy;
import java.util.Objects;
import org.springframework.core.ResolvableType;

/**
 * An actor bean as declared by {@link dev.rt.spring.RtActor}, resolved and checked.
 *
 * @param beanName the prototype bean that makes its instances
 * @param name the actor's name, unique in the application
 * @param supervisor the supervisor's name, or {@code null} for a top-level actor
 * @param actorClass the bean class
 * @param messageType the {@code M} of its {@code Actor<M>}
 * @param restart its restart type under a supervisor
 * @param shutdown its shutdown policy, or {@code null} for the engine's default
 * @param mailbox its mailbox, or {@code null} for the application's default mailbox
 * @param dispatcher the dispatcher's name
 */
public record ActorDeclaration(String beanName, String name, String supervisor, Class<?> actorClass,
                               ResolvableType messageType, RestartType restart, ShutdownPolicy shutdown,
                               MailboxConfig mailbox, String dispatcher) {

    /** Checks the parts. */
    public ActorDeclaration {
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actorClass, "actorClass");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * @param attribute an attribute of the annotation, such as {@code supervisor}
     * @return how error messages name that attribute
     */
    public String describe(String attribute) {
        return "@RtActor(" + attribute + ") on " + actorClass.getName();
    }
}
