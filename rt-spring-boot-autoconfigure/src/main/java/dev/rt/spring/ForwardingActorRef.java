package dev.rt.spring;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.OfferResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An {@link ActorRef} that forwards every call to another ref found when the call is made: the refs
 * injected as beans exist before their actors run, and follow them when they are replaced.
 *
 * @param <M> the message type
 */
public abstract class ForwardingActorRef<M> implements ActorRef<M> {

    /** For subclasses. */
    protected ForwardingActorRef() {
    }

    /**
     * @return the ref calls go to now
     * @throws IllegalStateException if there is none yet
     */
    protected abstract ActorRef<M> target();

    @Override
    public ActorAddress address() {
        return target().address();
    }

    @Override
    public void tell(M message) {
        target().tell(message);
    }

    @Override
    public void tell(M message, ActorRef<?> sender) {
        target().tell(message, sender);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
        target().tell(message, sender, timeToLive);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        target().tell(message, sender, guarantee);
    }

    @Override
    public OfferResult offer(M message) {
        return target().offer(message);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return target().ask(request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
        return target().ask(request);
    }
}
