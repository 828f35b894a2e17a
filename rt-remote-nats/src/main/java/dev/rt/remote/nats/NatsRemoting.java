package dev.rt.remote.nats;

import dev.rt.Actor;
import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ActorSystemTerminatedException;
import dev.rt.DeliveryGuarantee;
import dev.rt.MailboxFullException;
import dev.rt.Message;
import dev.rt.OfferResult;
import dev.rt.Terminated;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an actor system spread over machines, on NATS. Refs to actors on other nodes behave like
 * local ones for {@code tell} and {@code ask}; refs inside messages cross nodes and still work; a service
 * registered under one name on several nodes gets each message on exactly one of them (a NATS queue
 * group); membership comes from heartbeats; {@link #watch} reports a remote actor's stop or its node's
 * loss as {@link Terminated}.
 *
 * <p>Guarantees across nodes: {@code AT_MOST_ONCE} rides core NATS. For a service, {@code AT_LEAST_ONCE}
 * and {@code EXACTLY_ONCE} messages go through a JetStream stream: acknowledged only after the handler
 * returned normally, redelivered after a failure, after the loss of the node that held it and after a
 * restart, up to a maximum, then dead-lettered. {@code EXACTLY_ONCE} adds JetStream's publish
 * deduplication by {@link Message#deduplicationId()} and a receiver-side window of handled ids; as in the
 * local engine, an exactly-once message without a deduplication id is delivered at least once.
 *
 * <p>Only services use JetStream. A ref to a single actor on another node ({@link #ref}, or a ref that
 * came in a message) sends every message over core NATS, {@code AT_LEAST_ONCE} and {@code EXACTLY_ONCE}
 * included: lost if the connection drops or the node dies on the way; the receiving engine honours the
 * guarantee once the message is in the actor's mailbox.
 *
 * <pre>{@code
 * NatsRemoting node = NatsRemoting.builder(system, "node-1")
 *         .options(new Options.Builder().server("nats://localhost:4222").build())
 *         .register(Order.class, OrderAccepted.class)
 *         .start();
 * node.spawnService("orders", OrderHandler::new);          // one of these per node: a pool across machines
 * ActorRef<Order> orders = node.service("orders");
 * OrderAccepted ok = orders.<OrderAccepted>ask(reply -> new Order("A-1", reply)).join();
 * }</pre>
 */
public final class NatsRemoting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsRemoting.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long PULL_EXPIRES_MILLIS = 5_000;

    private final ActorSystem system;
    private final String nodeId;
    private final String prefix;
    private final String streamName;
    private final Connection connection;
    private final boolean ownsConnection;
    private final MessageTypes types;
    private final MessageCodec codec;
    private final RefCodec refCodec = new WireRefs();
    private final LocalRefs localRefs;
    private final RemoteStats stats = new RemoteStats();
    private final RemoteListener listener;
    private final RemoteWatches watches = new RemoteWatches();
    private final Membership membership;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Settings settings;
    private final JetStream jetStream;
    private final ActorRef<WatchAgent.Command> watchAgent;
    private final Map<String, DurableService> durableServices = new ConcurrentHashMap<>();
    private final Map<String, io.nats.client.Subscription> coreServices = new ConcurrentHashMap<>();
    private final AutoCloseable deadLetterSubscription;
    /** Guards the check-then-register of services against two callers offering the same name at once. */
    private final Object serviceRegistration = new Object();
    private volatile boolean closed;

    private NatsRemoting(Builder builder, Connection connection, boolean ownsConnection) throws IOException {
        this.system = builder.system;
        this.nodeId = builder.nodeId;
        this.prefix = "rt." + builder.cluster;
        this.streamName = "RT_" + builder.cluster;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.types = builder.types;
        this.listener = builder.listener;
        this.settings = new Settings(builder);
        this.localRefs = new LocalRefs(system);
        this.codec = Objects.requireNonNull(builder.codecFactory.create(refCodec), "codec factory returned null");
        long incarnation = System.currentTimeMillis();
        this.membership = new Membership(nodeId, incarnation, builder.failureTimeout,
                bytes -> publishQuietly(prefix + ".m", bytes), this::services, this::memberUp, this::memberDown);
        this.watchAgent = system.spawn("rt-remote-watch", () -> new WatchAgent(this::reportTerminated));
        this.dispatcher = connection.createDispatcher();
        dispatcher.subscribe(directSubject(nodeId), this::onDirect);
        dispatcher.subscribe(prefix + ".c." + nodeId, this::onControl);
        dispatcher.subscribe(prefix + ".m", msg -> membership.onMessage(msg.getData()));
        this.jetStream = builder.jetStream ? setUpStream(builder) : null;
        this.deadLetterSubscription = system.deadLetters().subscribe(this::onDeadLetter);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rt-remote-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
        long every = builder.heartbeatInterval.toMillis();
        timer.scheduleAtFixedRate(this::tick, 0, every, TimeUnit.MILLISECONDS);
        // A third of the ack wait: two extensions may be lost before JetStream would redeliver a held message.
        long extendEvery = Math.max(50, settings.ackWait.toMillis() / 3);
        timer.scheduleAtFixedRate(this::extendHeldMessages, extendEvery, extendEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * @param system the local actor system
     * @param nodeId this node's id, unique in the cluster: letters, digits, {@code _} and {@code -}
     * @return a builder
     */
    public static Builder builder(ActorSystem system, String nodeId) {
        return new Builder(system, nodeId);
    }

    // ---------------------------------------------------------------- refs and services

    /**
     * A ref to the actor at {@code path} on {@code node}, whatever incarnation lives there when a message
     * arrives.
     *
     * @param node the node's id
     * @param path the actor's path there, such as {@code /user/orders}
     * @param <M> the message type (not checked)
     * @return the ref; this node's own actors resolve to local refs
     */
    @SuppressWarnings("unchecked")
    public <M> ActorRef<M> ref(String node, String path) {
        checkToken(node, "node id");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an actor path starts with '/', was '" + path + "'");
        }
        return (ActorRef<M>) refOn(node, path, 0);
    }

    /** A local ref when the node is this one and the actor is here, a remote ref otherwise. */
    private ActorRef<?> refOn(String node, String path, long uid) {
        if (node.equals(nodeId)) {
            Optional<ActorRef<Object>> local = localRefs.resolve(path, uid);
            if (local.isPresent()) {
                return local.get();
            }
        }
        return remoteRef(node, path, uid);
    }

    /**
     * A ref to a cluster-wide service: each message goes to exactly one node that offers it.
     *
     * @param name the service's name: letters, digits, {@code _} and {@code -}
     * @param <M> the message type (not checked)
     * @return the ref
     */
    public <M> ActorRef<M> service(String name) {
        checkToken(name, "service name");
        return new RemoteActorRef<>(this, null, name, 0, "@" + name, prefix + ".s." + name,
                new ActorAddress("*", "/service/" + name, 0));
    }

    /**
     * Starts a local actor that offers service {@code name} on this node: it takes the service's core
     * NATS messages (queue group) and, with JetStream on, its at-least-once and exactly-once messages,
     * acknowledging each only after its handler returned normally. Each node that calls this adds one
     * member to the service's pool.
     *
     * @param name the service's name, also the local actor's name under {@code /user}
     * @param factory creates the actor, and a fresh one on every restart
     * @param <M> the message type
     * @return the local actor's ref
     * @throws IllegalStateException if this node already offers the service
     * @throws NatsRemotingException if JetStream refuses the service's consumer
     */
    @SuppressWarnings("unchecked")
    public <M> ActorRef<M> spawnService(String name, Supplier<? extends Actor<M>> factory) {
        checkToken(name, "service name");
        Objects.requireNonNull(factory, "factory");
        checkOpen();
        DurableService service = new DurableService(name, settings.deduplicationWindow, this);
        synchronized (serviceRegistration) {
            checkNotOffered(name);
            durableServices.put(name, service);
            try {
                ActorRef<Object> actor = system.spawn(name, () -> new AcknowledgingActor<>(factory.get(), service));
                service.actor(actor);
                subscribeCore(name, actor);
                if (jetStream != null) {
                    service.consumer(consume(service));
                }
            } catch (RuntimeException e) {
                // Undo all of it: no half-offered service keeps taking core messages or holds the name.
                durableServices.remove(name, service);
                service.stop();
                unsubscribeCore(name);
                if (service.actor() != null) {
                    system.stop(service.actor());
                }
                throw e;
            }
        }
        membership.heartbeat(); // tell the cluster at once that this node offers it
        return (ActorRef<M>) (ActorRef<?>) service.actor();
    }

    /**
     * Offers an existing local actor (or router) as service {@code name} for core NATS messages
     * ({@code AT_MOST_ONCE}). At-least-once and exactly-once messages need {@link #spawnService}, which
     * can tell when a handler returned.
     *
     * @param name the service's name
     * @param local the actor or router that handles it on this node
     * @throws IllegalStateException if this node already offers the service
     */
    public void registerService(String name, ActorRef<?> local) {
        checkToken(name, "service name");
        Objects.requireNonNull(local, "local");
        checkOpen();
        @SuppressWarnings("unchecked")
        ActorRef<Object> target = (ActorRef<Object>) local;
        synchronized (serviceRegistration) {
            checkNotOffered(name);
            subscribeCore(name, target);
        }
        membership.heartbeat();
    }

    /**
     * Stops offering service {@code name} on this node; messages for it go to the other nodes that offer it.
     * An actor started by {@link #spawnService} is stopped too.
     *
     * @param name the service's name
     */
    public void unregisterService(String name) {
        synchronized (serviceRegistration) {
            unsubscribeCore(name);
            DurableService service = durableServices.remove(name);
            if (service != null) {
                service.stop();
                if (service.actor() != null) {
                    system.stop(service.actor());
                }
            }
        }
        membership.heartbeat();
    }

    /**
     * Delivers {@code new Terminated(target)} to {@code watcher} once, when the remote actor stops or its
     * node leaves or stops answering heartbeats. A watcher with another message type can take it through
     * {@code ctx.messageAdapter(Terminated.class, ...)}. For local actors use {@code ActorContext.watch}.
     *
     * @param target a ref to an actor on another node
     * @param watcher who to tell
     * @throws IllegalArgumentException if {@code target} is not a remote actor ref (services cannot be watched)
     */
    public void watch(ActorRef<?> target, ActorRef<? super Terminated> watcher) {
        Objects.requireNonNull(watcher, "watcher");
        watch(target, watcher, watcher::tell);
    }

    /** The engine's side of {@link RemoteActorRef#watch}: {@code ActorContext.watch} of a remote ref. */
    void watch(ActorRef<?> target, ActorRef<?> watcher, Runnable onTerminated) {
        Objects.requireNonNull(onTerminated, "onTerminated");
        watch(target, watcher, terminated -> onTerminated.run());
    }

    private void watch(ActorRef<?> target, ActorRef<?> watcher, Consumer<Terminated> deliver) {
        RemoteActorRef<?> remote = remoteActor(target);
        Objects.requireNonNull(watcher, "watcher");
        boolean first = watches.add(remote, watcher, deliver);
        if (!membership.isUp(remote.node())) {
            watches.terminated(remote.wire());
            return;
        }
        if (first) {
            control(remote.node(), "w", remote.path() + '#' + remote.uid());
        }
    }

    /**
     * Cancels {@link #watch}.
     *
     * @param target the remote actor
     * @param watcher the watcher
     */
    public void unwatch(ActorRef<?> target, ActorRef<?> watcher) {
        RemoteActorRef<?> remote = remoteActor(target);
        if (watches.remove(remote, watcher)) {
            control(remote.node(), "u", remote.path() + '#' + remote.uid());
        }
    }

    // ---------------------------------------------------------------- state

    /** @return this node's id */
    public String nodeId() {
        return nodeId;
    }

    /** @return the local actor system */
    public ActorSystem system() {
        return system;
    }

    /** @return the live nodes of the cluster, this one included, by id */
    public List<Member> members() {
        return membership.members();
    }

    /** @return the transport's counters */
    public RemoteStats stats() {
        return stats;
    }

    /** @return the allow-list of message types */
    public MessageTypes types() {
        return types;
    }

    /** @return the NATS connection's state */
    public Connection.Status connectionStatus() {
        return connection.getStatus();
    }

    /** @return the URL of the NATS server this node is connected to, or {@code null} */
    public String connectedUrl() {
        return connection.getConnectedUrl();
    }

    /**
     * @param service a service name
     * @return whether this node or a live member offers it, as the latest heartbeats tell; core NATS
     *         messages to a service nobody offers are {@code UNREACHABLE} dead letters
     */
    public boolean isOffered(String service) {
        // The local maps, not services(): this runs for every core message to a service.
        return coreServices.containsKey(service) || durableServices.containsKey(service)
                || membership.offeredByOthers(service);
    }

    /** Under the service registration lock. */
    private void checkNotOffered(String name) {
        if (durableServices.containsKey(name) || coreServices.containsKey(name)) {
            throw new IllegalStateException("this node already offers service '" + name + "'");
        }
    }

    /** @return whether JetStream (at-least-once and exactly-once across nodes) is on */
    public boolean jetStreamEnabled() {
        return jetStream != null;
    }

    /** @return the services this node offers */
    public java.util.Set<String> services() {
        java.util.Set<String> out = new java.util.TreeSet<>(coreServices.keySet());
        out.addAll(durableServices.keySet());
        return out;
    }

    /**
     * Leaves the cluster: says goodbye (watchers elsewhere get {@code Terminated} for this node's actors),
     * stops consuming and closes the connection if this node opened it. Unacknowledged JetStream messages
     * go to the other nodes. Does not terminate the actor system.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        durableServices.values().forEach(DurableService::stop);
        try {
            membership.leave();
            connection.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            LOG.debug("could not say goodbye to the cluster", e);
        }
        try {
            deadLetterSubscription.close();
        } catch (Exception e) {
            LOG.debug("could not unsubscribe from dead letters", e);
        }
        try {
            connection.closeDispatcher(dispatcher);
            if (ownsConnection) {
                connection.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("closing the NATS connection failed", e);
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Encodes and publishes one message. Returns whether it was handed to NATS; if not it is a dead letter.
     */
    boolean send(RemoteActorRef<?> target, Object message, ActorRef<?> sender, DeliveryGuarantee chosen,
                 long ttlMillis, boolean throwOnFailure) {
        Objects.requireNonNull(message, "message must not be null");
        DeliveryGuarantee guarantee = chosen != null ? chosen
                : message instanceof Message m ? m.deliveryGuarantee() : DeliveryGuarantee.AT_MOST_ONCE;
        String dedup = "";
        byte[] frame;
        try {
            String typeName = types.nameOf(message.getClass());
            byte[] payload = codec.encode(message);
            String senderWire = sender == null ? "" : refCodec.write(sender);
            if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && message instanceof Message m
                    && m.deduplicationId() != null) {
                dedup = m.deduplicationId().toString();
            }
            frame = new Frame(target.path(), target.uid(), typeName, senderWire, guarantee, ttlMillis, dedup, payload)
                    .encode();
        } catch (MessageCodecException e) {
            return refuse(target, message, sender, DeadLetterReason.CODEC_ERROR, e, throwOnFailure);
        } catch (RuntimeException e) {
            return refuse(target, message, sender, DeadLetterReason.CODEC_ERROR,
                    new MessageCodecException("cannot encode " + message.getClass().getName() + ": " + e, e),
                    throwOnFailure);
        }
        long maxPayload = connection.getMaxPayload();
        // A JetStream publish with an id carries it in a header, which counts against the same limit.
        int headerBytes = dedup.isEmpty() ? 0 : 64 + dedup.length();
        if (maxPayload > 0 && frame.length + headerBytes > maxPayload) {
            // NATS would refuse it on every attempt: a codec error now, never a retried UNREACHABLE later.
            return refuse(target, message, sender, DeadLetterReason.CODEC_ERROR,
                    new MessageTooLargeException(message.getClass().getName() + " is " + frame.length
                            + " bytes on the wire; the NATS server accepts at most " + maxPayload), throwOnFailure);
        }
        if (closed) {
            return refuse(target, message, sender, DeadLetterReason.UNREACHABLE,
                    new RemoteUnreachableException("node " + nodeId + " has left the cluster"), throwOnFailure);
        }
        if (!target.isService() && !membership.isUp(target.node())) {
            return refuse(target, message, sender, DeadLetterReason.UNREACHABLE,
                    new RemoteUnreachableException("node " + target.node() + " is not a live member"), throwOnFailure);
        }
        boolean durable = target.isService() && guarantee != DeliveryGuarantee.AT_MOST_ONCE && jetStream != null;
        if (target.isService() && !durable && !isOffered(target.path())) {
            // Core NATS would drop it without a subscriber; a durable message would wait in the stream.
            return refuse(target, message, sender, DeadLetterReason.UNREACHABLE,
                    new RemoteUnreachableException("no live node offers service " + target.path()), throwOnFailure);
        }
        if (durable) {
            publishDurable(target, message, sender, frame, dedup, 1, System.nanoTime());
            stats.sent(frame.length);
            return true;
        }
        try {
            connection.publish(target.subject(), frame);
        } catch (IllegalStateException e) {
            return refuse(target, message, sender, DeadLetterReason.UNREACHABLE,
                    new RemoteUnreachableException("NATS connection is " + connection.getStatus() + ": " + e.getMessage()),
                    throwOnFailure);
        }
        stats.sent(frame.length);
        return true;
    }

    private void publishDurable(RemoteActorRef<?> target, Object message, ActorRef<?> sender, byte[] frame,
                                String dedup, int attempt, long firstAttemptNanos) {
        PublishOptions options = dedup.isEmpty() ? null : PublishOptions.builder().messageId(dedup).build();
        CompletableFuture<?> ack;
        try {
            ack = jetStream.publishAsync(prefix + ".d." + target.path(), frame, options);
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        ack.whenComplete((ok, error) -> {
            if (error == null) {
                return;
            }
            // Retrying is safe for exactly-once (the stream drops a repeated id) and allowed for at-least-once.
            // Keep trying for a while: after a server of the cluster is lost, the stream elects a new leader.
            long elapsed = System.nanoTime() - firstAttemptNanos;
            if (!closed && elapsed < settings.publishRetryTimeout.toNanos()) {
                long backoffMillis = Math.min(1000, 50L << Math.min(attempt, 5));
                try {
                    timer.schedule(() -> publishDurable(target, message, sender, frame, dedup, attempt + 1,
                            firstAttemptNanos), backoffMillis, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // closing: fall through to the dead letter
                }
            }
            refuse(target, message, sender, DeadLetterReason.UNREACHABLE,
                    new RemoteUnreachableException("JetStream did not store the message after " + attempt
                            + " attempts: " + error), false);
        });
    }

    private boolean refuse(RemoteActorRef<?> target, Object message, ActorRef<?> sender, DeadLetterReason reason,
                           RuntimeException error, boolean throwOnFailure) {
        if (reason == DeadLetterReason.CODEC_ERROR) {
            stats.countCodecError();
        } else {
            stats.countUndeliverable();
        }
        system.deadLetters().report(message, sender, target.address(), reason, error.getMessage());
        if (throwOnFailure) {
            throw error;
        }
        return false;
    }

    <M, R> CompletableFuture<R> ask(RemoteActorRef<M> target, Function<ActorRef<R>, ? extends M> request,
                                    Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<R> reply = system.ask(new AskTarget<>(target), request, timeout);
        if (listener != RemoteListener.NO_OP) {
            reply.whenComplete((value, error) -> {
                if (error == null) {
                    listener.onRoundTrip(System.nanoTime() - start);
                }
            });
        }
        return reply;
    }

    // ---------------------------------------------------------------- receiving

    private void onDirect(io.nats.client.Message msg) {
        byte[] data = msg.getData();
        stats.received(data.length);
        Frame frame = decodeFrame(msg, data);
        if (frame == null) {
            return;
        }
        Optional<ActorRef<Object>> target = localRefs.resolve(frame.target(), frame.targetUid());
        deliver(msg, frame, target.orElse(null), null); // the address is built only for a dead letter
    }

    private void onService(io.nats.client.Message msg, ActorRef<Object> local) {
        byte[] data = msg.getData();
        stats.received(data.length);
        Frame frame = decodeFrame(msg, data);
        if (frame != null) {
            deliver(msg, frame, local, local.address());
        }
    }

    /** @param recipient for dead letters; {@code null} to build it from the frame only when one is needed */
    private void deliver(io.nats.client.Message msg, Frame frame, ActorRef<Object> target, ActorAddress recipient) {
        Object payload = decodePayload(msg, frame);
        if (payload == null) {
            return;
        }
        ActorRef<?> sender = decodeSender(msg, frame, payload);
        if (sender == null && !frame.sender().isEmpty()) {
            return;
        }
        if (target == null) {
            system.deadLetters().report(payload, sender, recipientOf(frame, recipient), DeadLetterReason.NO_SUCH_ACTOR,
                    "no actor at " + frame.target() + " on node " + nodeId);
            return;
        }
        try {
            if (frame.ttlMillis() > 0) {
                target.tell(payload, sender, Duration.ofMillis(frame.ttlMillis()));
            } else if (frame.guarantee() == DeliveryGuarantee.AT_MOST_ONCE) {
                target.tell(payload, sender);
            } else {
                target.tell(payload, sender, frame.guarantee());
            }
        } catch (MailboxFullException e) {
            // already a dead letter (MAILBOX_FULL) by the mailbox
        } catch (ActorSystemTerminatedException e) {
            system.deadLetters().report(payload, sender, recipientOf(frame, recipient), DeadLetterReason.STOPPED,
                    e.getMessage());
        }
    }

    private ActorAddress recipientOf(Frame frame, ActorAddress known) {
        return known != null ? known : new ActorAddress(system.name(), frame.target(), frame.targetUid());
    }

    private void onDurable(io.nats.client.Message msg, DurableService service) {
        byte[] data = msg.getData();
        stats.received(data.length);
        if (msg.metaData().deliveredCount() > 1) {
            stats.countRedelivery();
        }
        Frame frame = decodeFrame(msg, data);
        Object payload = frame == null ? null : decodePayload(msg, frame);
        ActorRef<?> sender = payload == null ? null : decodeSender(msg, frame, payload);
        if (payload == null || (sender == null && !frame.sender().isEmpty())) {
            msg.term(); // a payload that cannot be decoded will not decode next time either
            return;
        }
        ActorRef<Object> actor = service.actor();
        String dedup = frame.deduplicationId().isEmpty() ? null : frame.deduplicationId();
        DurableDelivery delivery = new DurableDelivery(payload, msg, dedup, service);
        service.hold(msg);
        try {
            actor.tell(delivery, sender, DeliveryGuarantee.AT_LEAST_ONCE);
        } catch (RuntimeException e) {
            giveBack(delivery, sender, actor.address(), e.toString()); // this node cannot take it now
        }
    }

    /** An at-least-once delivery the engine gave up on: stop JetStream redelivering it, or hand it on. */
    private void onDeadLetter(DeadLetter letter) {
        if (letter.message() instanceof DurableDelivery delivery) {
            if (letter.reason() == DeadLetterReason.FAILED) {
                settle(delivery, io.nats.client.Message::term);
            } else {
                giveBack(delivery, null, letter.recipient(), letter.reason() + ": " + letter.detail());
            }
        }
    }

    /**
     * This node did not handle {@code delivery}: another node may, unless this was JetStream's last allowed
     * delivery, after which it would never come again: then it is a {@code FAILED} dead letter here.
     */
    private void giveBack(DurableDelivery delivery, ActorRef<?> sender, ActorAddress recipient, String why) {
        io.nats.client.Message msg = delivery.source();
        long delivered = msg.metaData().deliveredCount(); // a JetStream message: onDurable read its metadata
        if (delivered >= settings.maxDeliver) {
            system.deadLetters().report(delivery.payload(), sender, recipient, DeadLetterReason.FAILED,
                    "not handled on JetStream's last delivery (" + delivered + " of " + settings.maxDeliver
                            + " attempts): " + why);
            settle(delivery, io.nats.client.Message::term);
        } else {
            settle(delivery, io.nats.client.Message::nak);
        }
    }

    void acknowledge(DurableDelivery delivery) {
        settle(delivery, io.nats.client.Message::ack);
    }

    /**
     * Acks, naks or terms a held message. Failing to (the connection is closed) is no handler failure: the
     * handler must not run again for it; JetStream redelivers it after the ack wait, and for exactly-once
     * the deduplication window recognises it.
     */
    private void settle(DurableDelivery delivery, Consumer<io.nats.client.Message> action) {
        delivery.service().release(delivery.source());
        try {
            action.accept(delivery.source());
        } catch (RuntimeException e) {
            stats.countAcknowledgementFailure();
            LOG.debug("could not settle a JetStream message on node {}: {}", nodeId, e.toString());
        }
    }

    private void extendHeldMessages() {
        try {
            durableServices.values().forEach(DurableService::extendHeld);
        } catch (RuntimeException e) {
            LOG.warn("extending held JetStream messages failed on node {}", nodeId, e);
        }
    }

    void duplicate(DurableDelivery delivery, ActorRef<?> self) {
        settle(delivery, io.nats.client.Message::ack);
        stats.countDuplicate();
        system.deadLetters().report(delivery.payload(), null, self.address(), DeadLetterReason.DUPLICATE,
                "exactly-once id " + delivery.deduplicationId() + " was already handled on node " + nodeId);
    }

    private Frame decodeFrame(io.nats.client.Message msg, byte[] data) {
        try {
            return Frame.decode(data);
        } catch (MessageCodecException e) {
            undecodable(msg, "", data.length, e);
            return null;
        }
    }

    private Object decodePayload(io.nats.client.Message msg, Frame frame) {
        try {
            return codec.decode(frame.payload(), types.typeOf(frame.typeName()));
        } catch (MessageCodecException e) {
            undecodable(msg, frame.typeName(), msg.getData().length, e);
            return null;
        } catch (RuntimeException e) {
            undecodable(msg, frame.typeName(), msg.getData().length, new MessageCodecException(e.toString(), e));
            return null;
        }
    }

    private ActorRef<?> decodeSender(io.nats.client.Message msg, Frame frame, Object payload) {
        if (frame.sender().isEmpty()) {
            return null;
        }
        try {
            return refCodec.read(frame.sender());
        } catch (MessageCodecException e) {
            undecodable(msg, frame.typeName(), msg.getData().length, e);
            return null;
        } catch (RuntimeException e) { // a bad token in the ref, for one: still a codec error, never an escape
            undecodable(msg, frame.typeName(), msg.getData().length,
                    new MessageCodecException("bad sender ref '" + frame.sender() + "': " + e.getMessage(), e));
            return null;
        }
    }

    private void undecodable(io.nats.client.Message msg, String typeName, int size, MessageCodecException e) {
        stats.countCodecError();
        system.deadLetters().report(new UndecodableMessage(msg.getSubject(), typeName, size, e.getMessage()), null,
                new ActorAddress(system.name(), "/remote/" + nodeId, 0), DeadLetterReason.CODEC_ERROR, e.getMessage());
    }

    // ---------------------------------------------------------------- control: watch and membership

    private void onControl(io.nats.client.Message msg) {
        String[] parts = new String(msg.getData(), StandardCharsets.UTF_8).split(" ", 3);
        if (parts.length != 3) {
            return;
        }
        String node = parts[1];
        String key = parts[2];
        switch (parts[0]) {
            case "w" -> {
                Optional<ActorRef<Object>> local = resolveKey(key);
                if (local.isPresent()) {
                    watchAgent.tell(new WatchAgent.Watch(local.get(), key, node));
                } else {
                    reportTerminated(node, key);
                }
            }
            case "u" -> resolveKey(key)
                    .ifPresent(local -> watchAgent.tell(new WatchAgent.Unwatch(local, key, node)));
            case "t" -> watches.terminated(node + key);
            default -> {
            }
        }
    }

    private Optional<ActorRef<Object>> resolveKey(String key) {
        int hash = key.lastIndexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        try {
            return localRefs.resolve(key.substring(0, hash), Long.parseLong(key.substring(hash + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void reportTerminated(String node, String key) {
        control(node, "t", key);
    }

    private void control(String node, String verb, String key) {
        publishQuietly(prefix + ".c." + node, (verb + ' ' + nodeId + ' ' + key).getBytes(StandardCharsets.UTF_8));
    }

    private void memberUp(Member member) {
        LOG.info("node {} sees node {} join", nodeId, member.nodeId());
        listener.onMemberUp(member);
    }

    private void memberDown(String node, boolean graceful) {
        LOG.info("node {} sees node {} {}", nodeId, node, graceful ? "leave" : "lost");
        watches.nodeDown(node);
        try {
            watchAgent.tell(new WatchAgent.NodeDown(node));
        } catch (RuntimeException e) {
            // the system is shutting down; nothing to clean
        }
        listener.onMemberDown(node, graceful);
    }

    private void tick() {
        try {
            membership.heartbeat();
            membership.expire();
            localRefs.purge();
        } catch (RuntimeException e) {
            LOG.warn("membership tick failed on node {}", nodeId, e);
        }
    }

    private void publishQuietly(String subject, byte[] data) {
        try {
            connection.publish(subject, data);
        } catch (IllegalStateException e) {
            LOG.debug("not published to {}: {}", subject, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- set-up

    private JetStream setUpStream(Builder builder) throws IOException {
        JetStreamManagement management = connection.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder()
                .name(streamName)
                .subjects(prefix + ".d.>")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(builder.storage)
                .replicas(builder.replicas)
                .duplicateWindow(builder.duplicateWindow)
                .build();
        try {
            try {
                management.getStreamInfo(streamName);
                management.updateStream(config);
            } catch (JetStreamApiException notThere) {
                management.addStream(config);
            }
        } catch (JetStreamApiException e) {
            throw new NatsRemotingException("JetStream refused stream " + streamName + ": " + e.getMessage(), e);
        }
        return connection.jetStream();
    }

    private MessageConsumer consume(DurableService service) {
        String durable = "svc_" + service.name();
        ConsumerConfiguration config = ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(prefix + ".d." + service.name())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(settings.ackWait)
                .maxDeliver(settings.maxDeliver)
                .maxAckPending(settings.maxAckPending)
                .build();
        try {
            connection.jetStreamManagement().addOrUpdateConsumer(streamName, config);
            return connection.getConsumerContext(streamName, durable).consume(
                    // Short pulls: after a server of the cluster is lost, a new pull finds the new leader quickly.
                    ConsumeOptions.builder().batchSize(settings.batchSize).expiresIn(PULL_EXPIRES_MILLIS).build(),
                    dispatcher,
                    msg -> onDurable(msg, service));
        } catch (IOException | JetStreamApiException e) {
            throw new NatsRemotingException("JetStream refused the consumer of service " + service.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private void subscribeCore(String name, ActorRef<Object> local) {
        io.nats.client.Subscription sub = dispatcher.subscribe(prefix + ".s." + name, name,
                msg -> onService(msg, local));
        coreServices.put(name, sub);
    }

    private void unsubscribeCore(String name) {
        io.nats.client.Subscription sub = coreServices.remove(name);
        if (sub != null) {
            dispatcher.unsubscribe(sub);
        }
    }

    private String directSubject(String node) {
        return prefix + ".n." + node;
    }

    private <M> RemoteActorRef<M> remoteRef(String node, String path, long uid) {
        return new RemoteActorRef<>(this, node, path, uid, node + path + '#' + uid, directSubject(node),
                new ActorAddress(node, path, uid));
    }

    private RemoteActorRef<?> remoteActor(ActorRef<?> target) {
        Objects.requireNonNull(target, "target");
        if (target instanceof RemoteActorRef<?> remote && !remote.isService()) {
            return remote;
        }
        throw new IllegalArgumentException(target + " is not an actor on another node; watch local actors with "
                + "ActorContext.watch, and services cannot be watched");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("node " + nodeId + " has left the cluster");
        }
    }

    private static String checkToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + value
                    + "': use 1 to 64 letters, digits, '_' or '-'");
        }
        return value;
    }

    /** Writes refs as {@code node/path#uid} (an actor) or {@code @name} (a service), and reads them back. */
    private final class WireRefs implements RefCodec {
        @Override
        public String write(ActorRef<?> ref) {
            if (ref instanceof RemoteActorRef<?> remote) {
                return remote.wire();
            }
            return nodeId + localRefs.export(ref);
        }

        @Override
        public ActorRef<?> read(String wire) {
            if (wire.startsWith("@")) {
                return service(wire.substring(1));
            }
            int slash = wire.indexOf('/');
            int hash = wire.lastIndexOf('#');
            if (slash <= 0 || hash < slash) {
                throw new MessageCodecException("not an actor ref: '" + wire + "'");
            }
            String node = wire.substring(0, slash);
            String path = wire.substring(slash, hash);
            long uid;
            try {
                uid = Long.parseLong(wire.substring(hash + 1));
            } catch (NumberFormatException e) {
                throw new MessageCodecException("not an actor ref: '" + wire + "'", e);
            }
            if (!TOKEN.matcher(node).matches()) {
                throw new MessageCodecException("not a node id in ref '" + wire + "'");
            }
            return refOn(node, path, uid);
        }
    }

    /** The target of an ask: a send whose failure fails the ask at once, with a typed exception. */
    private final class AskTarget<M> implements ActorRef<M> {
        private final RemoteActorRef<M> target;

        AskTarget(RemoteActorRef<M> target) {
            this.target = target;
        }

        @Override
        public ActorAddress address() {
            return target.address();
        }

        @Override
        public void tell(M message) {
            send(target, message, null, null, 0, true);
        }

        @Override
        public void tell(M message, ActorRef<?> sender) {
            send(target, message, sender, null, 0, true);
        }

        @Override
        public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
            target.tell(message, sender, timeToLive);
        }

        @Override
        public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
            send(target, message, sender, guarantee, 0, true);
        }

        @Override
        public OfferResult offer(M message) {
            return target.offer(message);
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
            return target.ask(request, timeout);
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
            return target.ask(request);
        }
    }

    /** Settings fixed at start. */
    private record Settings(Duration ackWait, long maxDeliver, long maxAckPending, int batchSize,
                            int deduplicationWindow, Duration publishRetryTimeout) {
        Settings(Builder b) {
            this(b.ackWait, b.maxDeliver, b.maxAckPending, b.batchSize, b.deduplicationWindow, b.publishRetryTimeout);
        }
    }

    /** Configures and starts a {@link NatsRemoting} node. */
    public static final class Builder {
        private final ActorSystem system;
        private final String nodeId;
        private Options options;
        private Connection connection;
        private String cluster = "rt";
        private MessageTypes types = new MessageTypes();
        private MessageCodec.Factory codecFactory = JsonMessageCodec::new;
        private RemoteListener listener = RemoteListener.NO_OP;
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration failureTimeout = Duration.ofSeconds(5);
        private boolean jetStream = true;
        private Duration ackWait = Duration.ofSeconds(10);
        private long maxDeliver = 5;
        private long maxAckPending = 1000;
        private int batchSize = 100;
        private Duration duplicateWindow = Duration.ofMinutes(2);
        private int deduplicationWindow = 10_000;
        private StorageType storage = StorageType.File;
        private int replicas = 1;
        private Duration publishRetryTimeout = Duration.ofSeconds(30);

        private Builder(ActorSystem system, String nodeId) {
            this.system = Objects.requireNonNull(system, "system");
            this.nodeId = checkToken(nodeId, "node id");
        }

        /**
         * @param natsOptions how to connect (servers, TLS, credentials, reconnect policy); the node owns
         *                    and closes the connection
         * @return this
         */
        public Builder options(Options natsOptions) {
            this.options = Objects.requireNonNull(natsOptions, "options");
            return this;
        }

        /**
         * @param natsConnection an open connection the application owns (not closed by the node)
         * @return this
         */
        public Builder connection(Connection natsConnection) {
            this.connection = Objects.requireNonNull(natsConnection, "connection");
            return this;
        }

        /**
         * @param name the cluster's name: nodes with the same name see each other (subjects
         *             {@code rt.<name>.*}, stream {@code RT_<name>}); {@code rt} by default
         * @return this
         */
        public Builder cluster(String name) {
            this.cluster = checkToken(name, "cluster name");
            return this;
        }

        /**
         * @param allowList the message types that may cross nodes
         * @return this
         */
        public Builder types(MessageTypes allowList) {
            this.types = Objects.requireNonNull(allowList, "types");
            return this;
        }

        /**
         * @param classes message types to allow, each under its {@code MessageInfo} type or simple name
         * @return this
         */
        public Builder register(Class<?>... classes) {
            for (Class<?> type : classes) {
                types.register(type);
            }
            return this;
        }

        /**
         * @param factory the codec (JSON with Jackson by default)
         * @return this
         */
        public Builder codec(MessageCodec.Factory factory) {
            this.codecFactory = Objects.requireNonNull(factory, "codec");
            return this;
        }

        /**
         * @param remoteListener timings and membership changes, for metrics
         * @return this
         */
        public Builder listener(RemoteListener remoteListener) {
            this.listener = Objects.requireNonNull(remoteListener, "listener");
            return this;
        }

        /**
         * @param interval how often this node announces itself (1 s by default)
         * @return this
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeat interval");
            return this;
        }

        /**
         * @param timeout how long without a heartbeat before a node counts as lost and watchers of its
         *                actors get {@code Terminated} (5 s by default; more than the heartbeat interval)
         * @return this
         */
        public Builder failureTimeout(Duration timeout) {
            this.failureTimeout = positive(timeout, "failure timeout");
            return this;
        }

        /**
         * @param enabled whether at-least-once and exactly-once messages to services use JetStream (on by
         *                default; off, every message rides core NATS, at most once)
         * @return this
         */
        public Builder jetStream(boolean enabled) {
            this.jetStream = enabled;
            return this;
        }

        /**
         * @param wait how long JetStream waits for an acknowledgement before redelivering to another node
         *             (10 s by default): the time to recover messages held by a lost node
         * @return this
         */
        public Builder ackWait(Duration wait) {
            this.ackWait = positive(wait, "ack wait");
            return this;
        }

        /**
         * @param deliveries how often JetStream delivers one message at most (5 by default)
         * @return this
         */
        public Builder maxDeliver(long deliveries) {
            if (deliveries < 1) {
                throw new IllegalArgumentException("max deliver must be at least 1, was " + deliveries);
            }
            this.maxDeliver = deliveries;
            return this;
        }

        /**
         * @param pending how many unacknowledged messages one service may have out at once (1000 by default)
         * @return this
         */
        public Builder maxAckPending(long pending) {
            if (pending < 1) {
                throw new IllegalArgumentException("max ack pending must be at least 1, was " + pending);
            }
            this.maxAckPending = pending;
            return this;
        }

        /**
         * @param messages how many JetStream messages a node pulls at once (100 by default)
         * @return this
         */
        public Builder batchSize(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + messages);
            }
            this.batchSize = messages;
            return this;
        }

        /**
         * @param window how long the stream remembers exactly-once ids to drop repeated publishes (2 min)
         * @return this
         */
        public Builder duplicateWindow(Duration window) {
            this.duplicateWindow = positive(window, "duplicate window");
            return this;
        }

        /**
         * @param ids how many handled exactly-once ids each service remembers on this node (10,000)
         * @return this
         */
        public Builder deduplicationWindow(int ids) {
            if (ids < 1) {
                throw new IllegalArgumentException("deduplication window must be at least 1, was " + ids);
            }
            this.deduplicationWindow = ids;
            return this;
        }

        /**
         * @param storageType where the stream keeps messages: {@code File} (survives a server restart,
         *                    the default) or {@code Memory}
         * @return this
         */
        public Builder storage(StorageType storageType) {
            this.storage = Objects.requireNonNull(storageType, "storage");
            return this;
        }

        /**
         * @param count stream replicas in a NATS cluster (1 by default; 3 survives the loss of a server)
         * @return this
         */
        public Builder replicas(int count) {
            if (count < 1 || count > 5) {
                throw new IllegalArgumentException("replicas must be 1 to 5, was " + count);
            }
            this.replicas = count;
            return this;
        }

        /**
         * @param timeout how long an at-least-once or exactly-once publish is retried while JetStream does
         *                not store it (30 s by default: long enough for a stream to elect a new leader after
         *                a server is lost); then the message is an {@code UNREACHABLE} dead letter
         * @return this
         */
        public Builder publishRetryTimeout(Duration timeout) {
            this.publishRetryTimeout = positive(timeout, "publish retry timeout");
            return this;
        }

        /**
         * Connects (unless given a connection), sets up the stream, subscribes and starts heartbeats.
         *
         * @return the running node
         * @throws NatsRemotingException if NATS cannot be reached or JetStream refuses the stream
         */
        public NatsRemoting start() {
            if (failureTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException("failure timeout (" + failureTimeout
                        + ") must be longer than the heartbeat interval (" + heartbeatInterval + ")");
            }
            if (options == null && connection == null) {
                throw new IllegalStateException("give NATS options or a connection");
            }
            Connection conn = connection;
            boolean owns = conn == null;
            try {
                if (owns) {
                    conn = Nats.connect(options);
                }
                return new NatsRemoting(this, conn, owns);
            } catch (IOException e) {
                closeQuietly(conn, owns);
                throw new NatsRemotingException("cannot start remoting node " + nodeId + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NatsRemotingException("interrupted while connecting node " + nodeId, e);
            } catch (RuntimeException e) {
                closeQuietly(conn, owns);
                throw e;
            }
        }

        private static void closeQuietly(Connection conn, boolean owns) {
            if (conn != null && owns) {
                try {
                    conn.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
