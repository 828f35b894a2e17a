package dev.rt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The address of an actor to send it messages. Refs are cheap, immutable from the caller's view,
 * comparable by address and safe to share between threads and to put inside messages.
 *
 * @param <M> the type of message the actor accepts
 */
public interface ActorRef<M> extends Comparable<ActorRef<?>> {

    /** @return where the actor lives */
    ActorAddress address();

    /**
     * Sends a message without a sender. Never blocks, except on a bounded mailbox with the
     * {@link MailboxConfig.Backpressure#BLOCK} strategy, and then never longer than its timeout.
     *
     * @param message the message, not {@code null}
     * @throws NullPointerException if the message is {@code null}
     * @throws MailboxFullException if a bounded mailbox with {@code FAIL} or {@code BLOCK} has no room
     */
    void tell(M message);

    /**
     * Sends a message with a sender the receiver sees as {@link ActorContext#sender()}.
     *
     * @param message the message, not {@code null}
     * @param sender the sender, or {@code null} for none
     */
    void tell(M message, ActorRef<?> sender);

    /**
     * Sends a message that expires: if it is still queued after {@code timeToLive} it becomes a dead
     * letter with reason {@code EXPIRED} instead of being handled.
     *
     * @param message the message, not {@code null}
     * @param sender the sender, or {@code null}
     * @param timeToLive how long the message stays valid, positive
     */
    void tell(M message, ActorRef<?> sender, Duration timeToLive);

    /**
     * Sends a message with a delivery guarantee chosen for this send, overriding its type's
     * {@link MessageInfo#guarantee()}. {@code AT_LEAST_ONCE}: redelivered after a failure, and on a full
     * bounded mailbox the sender waits (up to the block timeout) instead of the message being dropped.
     * {@code EXACTLY_ONCE}: also deduplicated by {@link Message#deduplicationId()}. Actors, routers and
     * message adapters honour it; the temporary reply ref of an {@code ask} completes on the first reply
     * whatever the guarantee.
     *
     * @param message the message, not {@code null}
     * @param sender the sender, or {@code null}
     * @param guarantee the guarantee
     */
    void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee);

    /**
     * Tries to enqueue a message and reports the outcome instead of throwing or blocking.
     *
     * @param message the message, not {@code null}
     * @return whether the message was accepted, the mailbox was full, or the actor is dead
     */
    OfferResult offer(M message);

    /**
     * Request-response: builds a request around a temporary reply ref and completes the future with
     * the first reply. The future fails with {@link AskTimeoutException} after {@code timeout}; a reply
     * that comes later is a dead letter ({@code TIMED_OUT}).
     *
     * @param request makes the request from the reply ref
     * @param timeout how long to wait for the reply, positive
     * @param <R> the reply type
     * @return the reply
     */
    <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout);

    /**
     * {@link #ask(Function, Duration)} with the system's default ask timeout (5 s unless configured).
     *
     * @param request makes the request from the reply ref
     * @param <R> the reply type
     * @return the reply
     */
    <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request);

    @Override
    default int compareTo(ActorRef<?> other) {
        return address().compareTo(other.address());
    }
}
