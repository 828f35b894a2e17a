package dev.rt;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What an actor can do while it handles a message. Use it only on the actor's own thread, inside
 * {@link Actor} callbacks; never hand it to another thread.
 *
 * @param <M> the actor's message type
 */
public interface ActorContext<M> {

    /** @return this actor's ref */
    ActorRef<M> self();

    /** @return the sender of the current message; a ref that dead-letters if there was none */
    ActorRef<Object> sender();

    /** @return the actor system */
    ActorSystem system();

    /**
     * Starts a child actor with default options.
     *
     * @param name unique among this actor's children
     * @param factory creates the instance, and a fresh one on every restart
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory);

    /**
     * Starts a child actor.
     *
     * @param name unique among this actor's children
     * @param factory creates the instance, and a fresh one on every restart
     * @param options mailbox and dispatcher
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory, SpawnOptions options);

    /**
     * Starts a child with a generated unique name.
     *
     * @param factory creates the instance
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> factory);

    /** @return the live children of this actor */
    Collection<ActorRef<?>> children();

    /**
     * @param name a child's name
     * @return the live child of that name
     */
    Optional<ActorRef<?>> child(String name);

    /**
     * Stops this actor or one of its children. Children stop before their parent.
     *
     * @param ref {@link #self()} or a child
     * @throws IllegalArgumentException if {@code ref} is neither
     */
    void stop(ActorRef<?> ref);

    /**
     * Delivers {@link Terminated} to this actor when {@code ref} stops (at once if it already has). A
     * ref to an actor outside this system is watched through {@link WatchableRef} (remote actors: their
     * {@code Terminated} also comes when their node is lost).
     *
     * @param ref an actor of this system, or a {@link WatchableRef}
     * @throws IllegalArgumentException if {@code ref} is neither
     */
    void watch(ActorRef<?> ref);

    /**
     * Cancels {@link #watch}; a {@code Terminated} for {@code ref} is no longer delivered.
     *
     * @param ref an actor
     */
    void unwatch(ActorRef<?> ref);

    /**
     * A ref that accepts another type of message and turns it into one of this actor's messages. The
     * function runs on this actor's thread when the message is handled. One adapter per type: asking
     * again for the same type replaces the function and returns the same ref.
     *
     * @param type the accepted type
     * @param adapter turns the accepted message into this actor's message
     * @param <T> the accepted type
     * @return the adapter ref, valid while this actor lives
     */
    <T> ActorRef<T> messageAdapter(Class<T> type, Function<? super T, ? extends M> adapter);

    /** @return the timers of this actor; all are cancelled when it stops */
    TimerScheduler<M> timers();

    /**
     * This actor's logger. From the first call until the current message is handled, the MDC holds the
     * actor path under {@code rt.actor}.
     *
     * @return the logger, named after the actor's class
     */
    Logger log();
}
