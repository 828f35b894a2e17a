package dev.rt.remote.nats;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.FailureAction;
import dev.rt.Signal;

/**
 * Wraps a service actor so that JetStream messages are acknowledged only after its handler returned
 * normally. Until then the message stays unacknowledged: if the handler throws, the engine redelivers it
 * (at least once, bounded); if this node dies, JetStream redelivers it to another node after the ack wait.
 * Exactly-once ids already handled on this node are acknowledged without handling them again.
 *
 * @param <M> the service's message type
 */
final class AcknowledgingActor<M> implements Actor<Object> {

    private final Actor<M> delegate;
    private final DurableService service;

    AcknowledgingActor(Actor<M> delegate, DurableService service) {
        this.delegate = delegate;
        this.service = service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Object message, ActorContext<Object> ctx) throws Exception {
        if (!(message instanceof DurableDelivery delivery)) {
            delegate.onMessage((M) message, (ActorContext<M>) (ActorContext<?>) ctx);
            return;
        }
        String id = delivery.deduplicationId();
        if (id != null && service.window().contains(id)) {
            service.duplicate(delivery, ctx.self());
            return;
        }
        delegate.onMessage((M) delivery.payload(), (ActorContext<M>) (ActorContext<?>) ctx);
        if (id != null) {
            service.window().add(id);
        }
        service.acknowledge(delivery);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void preStart(ActorContext<Object> ctx) throws Exception {
        delegate.preStart((ActorContext<M>) (ActorContext<?>) ctx);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void postStop(ActorContext<Object> ctx) {
        delegate.postStop((ActorContext<M>) (ActorContext<?>) ctx);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onSignal(Signal signal, ActorContext<Object> ctx) throws Exception {
        delegate.onSignal(signal, (ActorContext<M>) (ActorContext<?>) ctx);
    }

    @Override
    @SuppressWarnings("unchecked")
    public FailureAction onFailure(Throwable error, Object message) {
        Object payload = message instanceof DurableDelivery delivery ? delivery.payload() : message;
        return delegate.onFailure(error, (M) payload);
    }
}
