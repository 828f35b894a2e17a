package dev.rt;

/**
 * An actor: state that is touched by one message at a time.
 *
 * <p>The runtime calls {@link #onMessage} for each message, never concurrently, so an actor keeps plain
 * mutable fields without locks. A factory ({@code Supplier<? extends Actor<M>>}) creates the instance;
 * a restart asks the factory for a fresh instance and never reuses the failed one.
 *
 * @param <M> the type of message this actor handles
 */
public interface Actor<M> {

    /**
     * Handles one message.
     *
     * @param message the message, never {@code null}
     * @param ctx the actor's context, valid only during this call
     * @throws Exception any failure; {@link #onFailure} decides what happens next
     */
    void onMessage(M message, ActorContext<M> ctx) throws Exception;

    /**
     * Called on the actor's thread before the first message (and after each restart, on the new instance).
     *
     * @param ctx the actor's context
     * @throws Exception a failure here stops the actor
     */
    default void preStart(ActorContext<M> ctx) throws Exception {
    }

    /**
     * Called once when the instance is discarded: on stop, and on the failed instance before a restart.
     *
     * @param ctx the actor's context
     */
    default void postStop(ActorContext<M> ctx) {
    }

    /**
     * Handles a lifecycle signal such as {@link Terminated} for a watched actor.
     *
     * @param signal the signal
     * @param ctx the actor's context
     * @throws Exception handled like a failure in {@link #onMessage}
     */
    default void onSignal(Signal signal, ActorContext<M> ctx) throws Exception {
    }

    /**
     * Decides what happens after {@link #onMessage} or {@link #onSignal} threw.
     * The message that failed is dead-lettered with reason {@code FAILED} in every case.
     *
     * @param error what was thrown
     * @param message the message being handled, or {@code null} for a signal
     * @return the action; the default lets the supervisor decide
     */
    default FailureAction onFailure(Throwable error, M message) {
        return FailureAction.ESCALATE;
    }
}
