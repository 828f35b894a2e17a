package dev.rt.spring;

import dev.rt.ActorSystem;
import dev.rt.MailboxConfig;
import dev.rt.RestartType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Declares an actor as a Spring bean. The class implements {@link dev.rt.Actor}; component scanning
 * picks it up as a prototype bean with full dependency injection, and the runtime spawns it under its
 * supervisor when the application context starts. Every (re)start asks the bean factory for a fresh
 * instance. Its {@code ActorRef<M>} is a bean too, injectable by generic type or with
 * {@code @Qualifier("<name>")}:
 *
 * <pre>{@code
 * @RtActor(name = "orders", supervisor = "shop")
 * class Orders implements Actor<OrderMsg> {
 *     Orders(PaymentClient payments) { ... }
 *     public void onMessage(OrderMsg msg, ActorContext<OrderMsg> ctx) { ... }
 * }
 *
 * @RestController
 * class OrderController {
 *     OrderController(ActorRef<OrderMsg> orders) { ... }
 * }
 * }</pre>
 *
 * <p>Supervisors come from {@code rt.supervisors.<name>} in the configuration or from
 * {@link dev.rt.SupervisorSpec} beans. Actor names must be unique in the application.
 *
 * <p>An actor bean can also make the routees of a pool router: name it in
 * {@code rt.routers.<router>.actor}. It then runs only as routees (each a fresh instance, as is every
 * restart) under the router's own supervisor {@code /user/<router>}, with the mailbox and dispatcher
 * declared here; it is not started on its own and has no ref of its own. The router's ref is injectable
 * as {@code ActorRef<M>} by type or with {@code @Qualifier("<router>")}:
 *
 * <pre>{@code
 * rt.routers.resizers.actor=resizer
 * rt.routers.resizers.pool-size=4
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public @interface RtActor {

    /** @return the actor's name, a path segment; defaults to the bean name */
    String name() default "";

    /**
     * @return the name of the supervisor to run under ({@code rt.supervisors.<name>} or a
     *         {@link dev.rt.SupervisorSpec} bean, nested ones included); empty for a top-level actor
     *         under {@code /user}
     */
    String supervisor() default "";

    /** @return when the supervisor restarts the actor; ignored for a top-level actor */
    RestartType restart() default RestartType.PERMANENT;

    /**
     * @return how long its supervisor waits for it to stop, as a duration such as {@code 5s}; {@code 0}
     *         stops it without waiting; empty for the engine's default (5 s)
     */
    String shutdownTimeout() default "";

    /** @return the mailbox kind; {@link Mailbox#DEFAULT} uses {@code rt.default-mailbox.*} */
    Mailbox mailbox() default Mailbox.DEFAULT;

    /** @return capacity of a {@link Mailbox#BOUNDED} mailbox, at least 1 */
    int mailboxCapacity() default 1000;

    /** @return what a full {@link Mailbox#BOUNDED} mailbox does with a new message */
    MailboxConfig.Backpressure backpressure() default MailboxConfig.Backpressure.FAIL;

    /**
     * @return how long a sender waits for room with {@link MailboxConfig.Backpressure#BLOCK}, as a duration
     *         such as {@code 500ms}; empty for 1 s
     */
    String blockTimeout() default "";

    /** @return the dispatcher that runs the actor ({@code default}, {@code blocking} or a customized one) */
    String dispatcher() default ActorSystem.DEFAULT_DISPATCHER;

    /** Mailbox kinds of an actor bean. */
    enum Mailbox {
        /** The application's default mailbox ({@code rt.default-mailbox.*}). */
        DEFAULT,
        /** Unbounded FIFO. */
        UNBOUNDED,
        /** Bounded FIFO with {@link #backpressure()}. */
        BOUNDED,
        /** Unbounded, FIFO within each priority level. */
        PRIORITY
    }
}
