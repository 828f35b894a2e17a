package dev.rt;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A ref of another message type that feeds its owner: messages are queued in the owner's mailbox as
 * they are and converted on the owner's thread, so the function may read the owner's state.
 */
final class AdapterRef<T, M> implements ActorRef<T> {

    private final ActorCell<M> owner;
    private final Class<T> type;
    private final ActorAddress address;
    private volatile Function<? super T, ? extends M> adapter;

    AdapterRef(ActorCell<M> owner, Class<T> type, Function<? super T, ? extends M> adapter) {
        this.owner = owner;
        this.type = type;
        this.adapter = adapter;
        ActorAddress ownerAddress = owner.address();
        this.address = new ActorAddress(ownerAddress.system(),
                ownerAddress.path() + "/$adapter-" + type.getSimpleName(), ownerAddress.uid());
    }

    void replace(Function<? super T, ? extends M> adapter) {
        this.adapter = adapter;
    }

    @SuppressWarnings("unchecked")
    M adapt(Object message) {
        M converted = adapter.apply((T) message);
        return Objects.requireNonNull(converted, () -> "message adapter for " + type.getName() + " returned null");
    }

    @Override
    public ActorAddress address() {
        return address;
    }

    @Override
    public void tell(T message) {
        tell(message, null);
    }

    @Override
    public void tell(T message, ActorRef<?> sender) {
        Objects.requireNonNull(message, "message must not be null");
        owner.tellAdapted(new Envelope.Adapted(type.cast(message), sender, this, null));
    }

    @Override
    public void tell(T message, ActorRef<?> sender, Duration timeToLive) {
        tell(message, sender);
    }

    @Override
    public void tell(T message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(guarantee, "guarantee");
        owner.tellAdapted(new Envelope.Adapted(type.cast(message), sender, this, guarantee));
    }

    @Override
    public OfferResult offer(T message) {
        Objects.requireNonNull(message, "message must not be null");
        return owner.offerItem(new Envelope.Adapted(type.cast(message), null, this, null));
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends T> request, Duration timeout) {
        return AskPromise.ask(owner.system(), this, request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends T> request) {
        return ask(request, owner.system().askTimeout());
    }

    @Override
    public String toString() {
        return "ActorRef[" + address.path() + "]";
    }
}
