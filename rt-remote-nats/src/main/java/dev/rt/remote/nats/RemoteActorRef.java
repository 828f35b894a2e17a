package dev.rt.remote.nats;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.OfferResult;
import dev.rt.WatchableRef;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A ref to an actor on another node, or to a cluster-wide service: {@code tell} encodes the message and
 * publishes it on NATS, {@code ask} waits for the reply through a temporary local reply ref that the
 * receiver sees as a remote ref back to this node. Its address names the node as the system
 * ({@code rt://node-2/user/orders#17}; a service: {@code rt://* /service/orders#0}). A message that cannot be
 * encoded is a dead letter
 * ({@code CODEC_ERROR}); an ask with one fails with {@link MessageCodecException}.
 *
 * <p>Guarantees: only a <em>service</em> ref sends {@code AT_LEAST_ONCE} and {@code EXACTLY_ONCE} messages
 * through JetStream. A ref to a single actor on another node sends every message over core NATS, whatever
 * its guarantee: it is lost if the connection drops or the node dies before the message is in the
 * actor's mailbox. Once there, the receiving engine honours the guarantee (redelivery after a handler
 * failure, deduplication by {@link dev.rt.Message#deduplicationId()}). Use a service for messages that
 * must survive the loss of a node.
 *
 * @param <M> the message type
 */
public final class RemoteActorRef<M> implements ActorRef<M>, WatchableRef {

    private final NatsRemoting remoting;
    private final String node;
    private final String path;
    private final long uid;
    private final String wire;
    private final String subject;
    private final ActorAddress address;

    RemoteActorRef(NatsRemoting remoting, String node, String path, long uid, String wire, String subject,
                   ActorAddress address) {
        this.remoting = remoting;
        this.node = node;
        this.path = path;
        this.uid = uid;
        this.wire = wire;
        this.subject = subject;
        this.address = address;
    }

    /** @return the node the actor lives on, or {@code null} for a service (any node that offers it) */
    public String node() {
        return node;
    }

    /** @return whether this ref names a cluster-wide service rather than one actor */
    public boolean isService() {
        return node == null;
    }

    String path() {
        return path;
    }

    long uid() {
        return uid;
    }

    /**
     * {@code ActorContext.watch} of this ref: the watcher gets {@code Terminated} when the remote actor
     * stops, or when its node leaves or stops answering heartbeats.
     *
     * @throws IllegalArgumentException for a service, which no single actor stands behind
     */
    @Override
    public void watch(ActorRef<?> watcher, Runnable onTerminated) {
        remoting.watch(this, watcher, onTerminated);
    }

    @Override
    public void unwatch(ActorRef<?> watcher) {
        remoting.unwatch(this, watcher);
    }

    String wire() {
        return wire;
    }

    String subject() {
        return subject;
    }

    @Override
    public ActorAddress address() {
        return address;
    }

    @Override
    public void tell(M message) {
        remoting.send(this, message, null, null, 0, false);
    }

    @Override
    public void tell(M message, ActorRef<?> sender) {
        remoting.send(this, message, sender, null, 0, false);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("time to live must be positive, was " + timeToLive);
        }
        remoting.send(this, message, sender, null, Math.max(1, timeToLive.toMillis()), false);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        remoting.send(this, message, sender, Objects.requireNonNull(guarantee, "guarantee"), 0, false);
    }

    @Override
    public OfferResult offer(M message) {
        return remoting.send(this, message, null, null, 0, false) ? OfferResult.ACCEPTED : OfferResult.DEAD;
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return remoting.ask(this, request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
        return remoting.ask(this, request, remoting.system().askTimeout());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteActorRef<?> that && that.wire.equals(wire) && that.remoting == remoting;
    }

    @Override
    public int hashCode() {
        return wire.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteActorRef[" + wire + "]";
    }
}
