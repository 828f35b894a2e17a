package dev.rt;

import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What {@link ActorContext#sender()} returns when a message had no sender: every message dead-letters. */
final class NoSenderRef implements ActorRef<Object> {

    private final ActorSystem system;
    private final ActorAddress address;

    NoSenderRef(ActorSystem system) {
        this.system = system;
        this.address = new ActorAddress(system.name(), "/no-sender", 0);
    }

    @Override
    public ActorAddress address() {
        return address;
    }

    @Override
    public void tell(Object message) {
        tell(message, null);
    }

    @Override
    public void tell(Object message, ActorRef<?> sender) {
        java.util.Objects.requireNonNull(message, "message must not be null");
        system.deadLetters().publish(message, sender, address, DeadLetterReason.NO_SENDER,
                "the message being answered had no sender");
    }

    @Override
    public void tell(Object message, ActorRef<?> sender, Duration timeToLive) {
        tell(message, sender);
    }

    @Override
    public void tell(Object message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        tell(message, sender);
    }

    @Override
    public OfferResult offer(Object message) {
        tell(message, null);
        return OfferResult.DEAD;
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends Object> request, Duration timeout) {
        return AskPromise.ask(system, this, request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends Object> request) {
        return ask(request, system.askTimeout());
    }

    @Override
    public String toString() {
        return "ActorRef[no-sender]";
    }
}
