package dev.rt;

import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.DeliveryStats;
import dev.rt.monitor.MailboxStats;
import dev.rt.monitor.RuntimeEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One actor: its ref, its context, its mailbox and its turn on a dispatcher, in one object to keep an
 * idle actor small.
 *
 * <p>Concurrency: any thread may send (mailbox offer, then at most one CAS on {@code status} to schedule
 * the cell). Only the thread that won that CAS runs the cell, so everything the actor touches, and the
 * fields marked "actor thread", is single-threaded. Lifecycle messages travel in {@code systemLane}
 * and are handled before user messages and between them.
 */
final class ActorCell<M> implements ActorRef<M>, ActorContext<M>, Runnable, Dispatcher.PendingWork {

    /** MDC key that holds the actor path while {@link #log()} is in use. */
    static final String MDC_KEY = "rt.actor";

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;

    static final int CREATED = 0;
    static final int RUNNING = 1;
    /** Waiting for children to stop before a restart or a stop completes; user messages wait. */
    static final int SUSPENDED = 2;
    static final int STOPPED = 3;

    private static final byte THEN_NOTHING = 0;
    private static final byte THEN_RESTART = 1;
    private static final byte THEN_STOP = 2;
    private static final byte THEN_ESCALATE = 3;

    private static final VarHandle STATUS;
    private static final VarHandle LANE;
    private static final VarHandle CHILDREN;
    private static final VarHandle DELIVERED;
    private static final VarHandle FAILED;
    private static final VarHandle DISCARDED;
    private static final VarHandle HIGH_WATER;
    private static final VarHandle DEAD_LETTERED;
    private static final VarHandle REFUSED;
    private static final VarHandle DROPPED;
    private static final VarHandle STAMP_NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(ActorCell.class, "status", int.class);
            LANE = lookup.findVarHandle(ActorCell.class, "systemLane", ConcurrentLinkedQueue.class);
            CHILDREN = lookup.findVarHandle(ActorCell.class, "children", ConcurrentHashMap.class);
            DELIVERED = lookup.findVarHandle(ActorCell.class, "delivered", long.class);
            FAILED = lookup.findVarHandle(ActorCell.class, "failed", long.class);
            DISCARDED = lookup.findVarHandle(ActorCell.class, "discarded", long.class);
            HIGH_WATER = lookup.findVarHandle(ActorCell.class, "highWater", long.class);
            DEAD_LETTERED = lookup.findVarHandle(ActorCell.class, "deadLettered", long.class);
            REFUSED = lookup.findVarHandle(ActorCell.class, "refused", long.class);
            DROPPED = lookup.findVarHandle(ActorCell.class, "dropped", long.class);
            STAMP_NEXT = lookup.findVarHandle(ActorCell.class, "stampNext", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ActorSystem system;
    private final ActorCell<?> parent;
    private final String name;
    private final long uid;
    private final Dispatcher dispatcher;
    private final Supplier<? extends Actor<M>> factory;
    private final Mailbox mailbox;
    /** This cell runs a {@link SupervisorActor}. */
    private final boolean supervisor;
    /** The parent is a supervisor: failures go to it for a decision. */
    private final boolean supervised;

    private volatile int status;
    private volatile int lifecycle;
    private volatile ConcurrentLinkedQueue<SystemMessage> systemLane;
    private volatile ConcurrentHashMap<String, ActorCell<?>> children;
    /** Set once the cell's counters were added to the system's totals; later counts go there directly. */
    private volatile boolean retired;
    private ActorAddress address;

    // Actor thread only.
    private Actor<M> actor;
    private Extras<M> extras;
    private ActorRef<?> currentSender;
    /** The last message class seen that does not implement {@link Message}; see {@link #declaresMetadata}. */
    private Class<?> plainType;
    private boolean mdcSet;
    private byte afterChildren;
    /** Messages handled since the last sample was asked for; see {@link #askForSample}. */
    private int sinceSample;

    /**
     * 1 when the next message sent should carry its send time (a sample). Set by the actor thread, cleared
     * by the sender that takes it; opaque on both sides, since a lost or doubled sample does no harm.
     */
    private int stampNext;

    // Written by the actor thread (opaque), read by anyone.
    private long delivered;
    private long failed;
    private long discarded;
    private long highWater;
    // Written by any thread (atomic adds); rare paths only.
    private long deadLettered;
    private long refused;
    private long dropped;

    /** State that most actors never need, allocated on first use. */
    private static final class Extras<M> {
        Set<ActorCell<?>> watchers;
        Set<ActorCell<?>> watching;
        /** Watched refs to actors outside this system ({@link WatchableRef}). */
        Set<ActorRef<?>> watchingForeign;
        Timers<M> timers;
        Map<Class<?>, AdapterRef<?, M>> adapters;
        Throwable escalation;
        /** Why the actor is stopping, if it is because of a failure; its supervisor is told. */
        Throwable stopFailure;
        /** An at-least-once message whose handler failed: handled again before anything else. */
        Redelivery redelivery;
        /** Ids of exactly-once messages seen recently, oldest first. */
        Map<Object, Boolean> seenIds;
        /** Redelivery attempts so far; volatile for readers of the stats, written by the actor thread only. */
        volatile long redelivered;
    }

    /** A failed at-least-once message waiting to be handled again. */
    private record Redelivery(Object message, ActorRef<?> sender, DeliveryGuarantee guarantee, int attempt) {
    }

    ActorCell(ActorSystem system, ActorCell<?> parent, String name, long uid, Dispatcher dispatcher,
              Supplier<? extends Actor<M>> factory, Mailbox mailbox, Actor<M> instance, boolean supervisor) {
        this.supervisor = supervisor;
        this.supervised = parent != null && parent.supervisor;
        this.system = system;
        this.parent = parent;
        this.name = name;
        this.uid = uid;
        this.dispatcher = dispatcher;
        this.factory = factory;
        this.mailbox = mailbox;
        this.actor = instance;
        this.stampNext = system.sampleEvery() > 0 ? 1 : 0; // an actor's first message is a sample
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void tell(M message) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to " + path() + ")");
        }
        send(sampled(message, null), message, null, true);
    }

    @Override
    public void tell(M message, ActorRef<?> sender) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to " + path() + ")");
        }
        Object item = sender == null ? message : new Envelope(message, sender);
        send(sampled(item, sender), message, sender, true);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to " + path() + ")");
        }
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("time to live must be positive, was " + timeToLive);
        }
        long deadline = System.nanoTime() + timeToLive.toNanos();
        send(new Envelope.Expiring(message, sender, deadline), message, sender, true);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to " + path() + ")");
        }
        Objects.requireNonNull(guarantee, "guarantee");
        send(new Envelope.Guaranteed(message, sender, guarantee), message, sender, true);
    }

    @Override
    public OfferResult offer(M message) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to " + path() + ")");
        }
        return offerItem(message);
    }

    OfferResult offerItem(Object item) {
        if (lifecycle == STOPPED || !system.acceptsSendsFromCurrentThread()) {
            return OfferResult.DEAD;
        }
        if (mailbox.offer(item) == Mailbox.FULL && !evictAndRetry(item)) {
            DROPPED.getAndAdd(this, 1L);
            return OfferResult.FULL;
        }
        scheduleIfIdle();
        return OfferResult.ACCEPTED;
    }

    void tellAdapted(Envelope.Adapted item) {
        send(item, item.message, item.sender, true);
    }

    /** Timer ticks: never throw on the scheduler thread. */
    void tellInternal(Envelope.Timer tick) {
        send(tick, tick.message, null, false);
    }

    /** @return false if the actor had already stopped (the request is then dead-lettered) */
    boolean deliverAsk(M message, ActorRef<?> replyTo) {
        if (lifecycle == STOPPED) {
            refuse(message, replyTo, DeadLetterReason.STOPPED, "ask to an actor that has stopped");
            return false;
        }
        tell(message, replyTo);
        return true;
    }

    /**
     * The sampling decision is the receiver's (see {@link #askForSample}), so a sender pays one load of
     * a field it shares a cache line with anyway, and no random number, per message.
     */
    private Object sampled(Object item, ActorRef<?> sender) {
        return (int) STAMP_NEXT.getOpaque(this) == 0 ? item : stamp(item, sender);
    }

    private Object stamp(Object item, ActorRef<?> sender) {
        if (system.sampleEvery() > 1) {
            STAMP_NEXT.setOpaque(this, 0);
        }
        Object message = item instanceof Envelope e ? e.message : item;
        return new Envelope.Sampled(message, sender, System.nanoTime());
    }

    /**
     * After every {@code sampleEvery} handled messages the actor asks for the next message sent to it to
     * be a sample; counted per turn, not per message.
     */
    private void askForSample(int handled) {
        int every = system.sampleEvery();
        if (every > 1 && handled > 0 && (sinceSample += handled) >= every) {
            sinceSample = 0;
            STAMP_NEXT.setOpaque(this, 1);
        }
    }

    private void send(Object item, Object message, ActorRef<?> sender, boolean throwIfFull) {
        if (!system.acceptsSendsFromCurrentThread()) {
            refuse(message, sender, DeadLetterReason.STOPPED, DeadLetter.REFUSED_AT_SHUTDOWN);
            return;
        }
        if (lifecycle == STOPPED) {
            refuse(message, sender, DeadLetterReason.STOPPED, "the actor has stopped");
            return;
        }
        if (mailbox.offer(item) == Mailbox.FULL) {
            onMailboxFull(item, message, sender, throwIfFull);
            return;
        }
        scheduleIfIdle();
    }

    private void onMailboxFull(Object item, Object message, ActorRef<?> sender, boolean throwIfFull) {
        MailboxConfig config = mailbox.config();
        if (guaranteeOf(item, message) != DeliveryGuarantee.AT_MOST_ONCE) {
            // At-least-once messages are never dropped for room: the sender waits, or learns it failed.
            if (waitForRoom(item, config.blockTimeout())) {
                scheduleIfIdle();
                return;
            }
            DROPPED.getAndAdd(this, 1L);
            refuse(message, sender, DeadLetterReason.MAILBOX_FULL, "mailbox full for an at-least-once message");
            if (throwIfFull) {
                throw new MailboxFullException("mailbox of " + path() + " stayed full for " + config.blockTimeout()
                        + " while an at-least-once message waited; it was dead-lettered");
            }
            return;
        }
        switch (config.backpressure()) {
            case DROP_OLDEST -> {
                if (evictAndRetry(item)) {
                    scheduleIfIdle();
                    return;
                }
            }
            case BLOCK -> {
                if (waitForRoom(item, config.blockTimeout())) {
                    scheduleIfIdle();
                    return;
                }
            }
            default -> {
            }
        }
        DROPPED.getAndAdd(this, 1L);
        refuse(message, sender, DeadLetterReason.MAILBOX_FULL,
                "mailbox full (capacity " + config.capacity() + ", " + config.backpressure() + ")");
        if (throwIfFull && config.backpressure() != MailboxConfig.Backpressure.DROP_NEWEST) {
            throw new MailboxFullException("mailbox of " + path() + " is full (capacity " + config.capacity()
                    + ", strategy " + config.backpressure() + "); the message was dead-lettered");
        }
    }

    private boolean evictAndRetry(Object item) {
        if (mailbox.config().backpressure() != MailboxConfig.Backpressure.DROP_OLDEST) {
            return false;
        }
        for (int attempt = 0; attempt < 16; attempt++) {
            Object oldest = mailbox.evictOldest();
            if (oldest != null) {
                DROPPED.getAndAdd(this, 1L);
                deadLetterItem(oldest, DeadLetterReason.MAILBOX_FULL, "evicted by a newer message (DROP_OLDEST)");
            }
            if (mailbox.offer(item) == Mailbox.ACCEPTED) {
                return true;
            }
        }
        return false;
    }

    private boolean waitForRoom(Object item, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1_000;
        while (System.nanoTime() - deadline < 0) {
            if (lifecycle == STOPPED) {
                return false;
            }
            // A bounded wait for the consumer to make room; the timeout caps it.
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
            if (mailbox.offer(item) == Mailbox.ACCEPTED) {
                return true;
            }
        }
        return false;
    }

    /** A message refused before it reached the mailbox: it counts as sent and as dead-lettered. */
    private void refuse(Object message, ActorRef<?> sender, DeadLetterReason reason, String detail) {
        if (retired) {
            system.countLateDeadLetter(true);
        } else {
            REFUSED.getAndAdd(this, 1L);
            DEAD_LETTERED.getAndAdd(this, 1L);
        }
        system.deadLetters().publish(message, sender, address(), reason, detail);
    }

    /** A message that was in the mailbox and will not be handled. */
    private void deadLetterItem(Object item, DeadLetterReason reason, String detail) {
        if (item instanceof Envelope.Timer) {
            DISCARDED.setOpaque(this, discarded + 1);
            return;
        }
        Object message = item instanceof Envelope e ? e.message : item;
        ActorRef<?> sender = item instanceof Envelope e ? e.sender : null;
        deadLetter(message, sender, reason, detail);
    }

    private void deadLetter(Object message, ActorRef<?> sender, DeadLetterReason reason, String detail) {
        if (retired) {
            system.countLateDeadLetter(false);
        } else {
            DEAD_LETTERED.getAndAdd(this, 1L);
        }
        system.deadLetters().publish(message, sender, address(), reason, detail);
    }

    void sendSystem(SystemMessage message) {
        lane().offer(message);
        scheduleIfIdle();
    }

    @SuppressWarnings("unchecked")
    private ConcurrentLinkedQueue<SystemMessage> lane() {
        ConcurrentLinkedQueue<SystemMessage> lane = systemLane;
        if (lane != null) {
            return lane;
        }
        ConcurrentLinkedQueue<SystemMessage> fresh = new ConcurrentLinkedQueue<>();
        Object won = LANE.compareAndExchange(this, null, fresh);
        return won == null ? fresh : (ConcurrentLinkedQueue<SystemMessage>) won;
    }

    // ---------------------------------------------------------------- scheduling

    void scheduleIfIdle() {
        if (status == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
            submit();
        }
    }

    private void resubmit() {
        if (system.dispatchersStopped()) {
            run();
            return;
        }
        try {
            dispatcher.reschedule(this);
        } catch (RejectedExecutionException e) {
            run();
        }
    }

    private void submit() {
        if (system.dispatchersStopped()) {
            run(); // after termination only stopped cells remain: this just dead-letters
            return;
        }
        try {
            dispatcher.execute(this);
        } catch (RejectedExecutionException e) {
            run();
        }
    }

    @Override
    public void run() {
        boolean fullBatch = false;
        try {
            if (lifecycle == CREATED) {
                start(); // a new cell starts before anything else, without a system message
            }
            processSystemLane();
            int state = lifecycle;
            if (state == RUNNING) {
                fullBatch = processMessages();
            } else if (state == STOPPED) {
                drainToDeadLetters();
            }
        } finally {
            if (mdcSet) {
                MDC.remove(MDC_KEY);
                mdcSet = false;
            }
            if (fullBatch && lifecycle == RUNNING) {
                // More is waiting: stay scheduled and go behind the others, with no idle dip for senders to race.
                resubmit();
            } else {
                status = IDLE;
                if (hasPendingWork() && status == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
                    resubmit();
                }
            }
        }
    }

    @Override
    public boolean hasPendingWork() {
        ConcurrentLinkedQueue<SystemMessage> lane = systemLane;
        if (lane != null && !lane.isEmpty()) {
            return true;
        }
        int state = lifecycle;
        return state == CREATED || ((state == RUNNING || state == STOPPED) && !mailbox.isEmpty());
    }

    /**
     * Handles up to {@code throughput} messages. Counters are published once per batch: a write per message
     * would share a cache line with {@code status}, which every sender reads.
     *
     * @return whether the batch was full (more may be waiting)
     */
    private boolean processMessages() {
        observeDepth(mailbox.depth());
        int limit = dispatcher.throughput();
        int handled = 0;
        int deliveredNow = 0;
        try {
            while (true) {
                if (handled == limit) {
                    return true;
                }
                Extras<M> x = extras;
                if (x != null && x.redelivery != null) {
                    Redelivery again = x.redelivery;
                    x.redelivery = null;
                    x.redelivered++;
                    if (invokeReliably(again.message, again.sender, again.guarantee, again.attempt)) {
                        deliveredNow++;
                    }
                } else {
                    Object item = mailbox.poll();
                    // A drained mailbox may linger; if only a system message came, run() goes round again.
                    if (item == null && (handled == 0 || !dispatcher.lingerOn(this)
                            || (item = mailbox.poll()) == null)) {
                        return false;
                    }
                    if (handle(item)) {
                        deliveredNow++;
                    }
                }
                if (++handled == 1) {
                    // After the first message: a long handler leaves its backlog visible here.
                    observeDepth(mailbox.depth());
                }
                if (lifecycle != RUNNING) {
                    return false;
                }
                ConcurrentLinkedQueue<SystemMessage> lane = systemLane;
                if (lane != null && !lane.isEmpty()) {
                    processSystemLane();
                    if (lifecycle != RUNNING) {
                        return false;
                    }
                }
            }
        } finally {
            if (deliveredNow > 0) {
                DELIVERED.setOpaque(this, delivered + deliveredNow);
            }
            askForSample(handled);
        }
    }

    /** The high-water mark is sampled when a turn starts and after its first message, not per message. */
    private void observeDepth(long depth) {
        if (depth > highWater) {
            HIGH_WATER.setOpaque(this, depth);
        }
    }

    /**
     * Handles one queued item. Plain messages take the shortest path; envelopes and messages that
     * declare metadata branch off, so the common case stays small enough to inline.
     *
     * @return whether the message was handled normally
     */
    private boolean handle(Object item) {
        if (item instanceof Envelope envelope) {
            return handleEnvelope(envelope);
        }
        return declaresMetadata(item) ? handleDeclared(item, null, 0) : invoke(item, null, 0);
    }

    /**
     * Whether a message implements {@link Message}. A negative {@code instanceof} against an interface
     * cost ~20 ns per message here (measured on ping-pong), so the last plain class seen is remembered and
     * the check runs only when the type changes.
     */
    private boolean declaresMetadata(Object message) {
        Class<?> type = message.getClass();
        if (type == plainType) {
            return false;
        }
        if (message instanceof Message) {
            return true;
        }
        plainType = type;
        return false;
    }

    private boolean handleEnvelope(Envelope envelope) {
        ActorRef<?> sender = envelope.sender;
        Object message = envelope.message;
        long enqueuedNanos = 0;
        if (envelope.getClass() != Envelope.class) {
            if (envelope instanceof Envelope.Expiring expiring) {
                if (System.nanoTime() - expiring.deadlineNanos > 0) {
                    deadLetter(message, sender, DeadLetterReason.EXPIRED, "time to live ran out in the mailbox");
                    return false;
                }
            } else if (envelope instanceof Envelope.Timer tick) {
                if (extras == null || extras.timers == null || !extras.timers.accept(tick)) {
                    DISCARDED.setOpaque(this, discarded + 1);
                    return false;
                }
            } else if (envelope instanceof Envelope.Sampled sampled) {
                enqueuedNanos = sampled.enqueuedNanos;
            } else if (envelope instanceof Envelope.Guaranteed guaranteed) {
                return handleWith(message, sender, guaranteed.guarantee);
            } else if (envelope instanceof Envelope.Adapted adapted) {
                currentSender = sender;
                try {
                    message = adapted.adapter.adapt(message);
                } catch (Throwable error) {
                    // The raw message is not an M: dead-letter it, but give onFailure no message.
                    deadLetter(adapted.message, sender, DeadLetterReason.FAILED, error.toString());
                    currentSender = null;
                    decide(error, null);
                    return false;
                }
                if (adapted.guarantee != null) {
                    return handleWith(message, sender, adapted.guarantee);
                }
            }
        }
        return declaresMetadata(message) ? handleDeclared(message, sender, enqueuedNanos)
                : invoke(message, sender, enqueuedNanos);
    }

    /** A message whose type may declare a delivery guarantee. */
    private boolean handleDeclared(Object message, ActorRef<?> sender, long enqueuedNanos) {
        DeliveryGuarantee guarantee = MessageMetadata.of(message.getClass()).guarantee();
        return guarantee == DeliveryGuarantee.AT_MOST_ONCE ? invoke(message, sender, enqueuedNanos)
                : handleWith(message, sender, guarantee);
    }

    private boolean handleWith(Object message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        if (guarantee == DeliveryGuarantee.AT_MOST_ONCE) {
            return invoke(message, sender, 0);
        }
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && isDuplicate(message, sender)) {
            return false;
        }
        return invokeReliably(message, sender, guarantee, 1);
    }

    /** Runs the handler of an at-most-once message: a failure dead-letters it. */
    @SuppressWarnings("unchecked")
    private boolean invoke(Object message, ActorRef<?> sender, long enqueuedNanos) {
        currentSender = sender;
        try {
            if (enqueuedNanos == 0) {
                actor.onMessage((M) message, this);
            } else {
                long start = System.nanoTime();
                actor.onMessage((M) message, this);
                system.sampled(address(), start - enqueuedNanos, System.nanoTime() - start);
            }
            return true;
        } catch (Throwable error) {
            fail(error, message);
            return false;
        } finally {
            currentSender = null;
        }
    }

    /** Runs the handler of an at-least-once message: a failure keeps it for redelivery while attempts last. */
    @SuppressWarnings("unchecked")
    private boolean invokeReliably(Object message, ActorRef<?> sender, DeliveryGuarantee guarantee, int attempt) {
        currentSender = sender;
        try {
            actor.onMessage((M) message, this);
            return true;
        } catch (Throwable error) {
            failReliably(error, message, sender, guarantee, attempt);
            return false;
        } finally {
            currentSender = null;
        }
    }

    private void failReliably(Throwable error, Object message, ActorRef<?> sender, DeliveryGuarantee guarantee,
                              int attempt) {
        if (attempt < system.maxDeliveryAttempts()) {
            extras().redelivery = new Redelivery(message, sender, guarantee, attempt + 1);
        } else {
            deadLetter(message, sender, DeadLetterReason.FAILED,
                    error + " (failed " + attempt + " of " + system.maxDeliveryAttempts() + " attempts)");
        }
        decide(error, message);
    }

    /** Exactly-once: a message whose id was seen within the window is a duplicate, dead-lettered and counted. */
    private boolean isDuplicate(Object message, ActorRef<?> sender) {
        Object id = message instanceof Message typed ? typed.deduplicationId() : null;
        if (id == null) {
            return false;
        }
        Extras<M> x = extras();
        if (x.seenIds == null) {
            int window = system.deduplicationWindow();
            x.seenIds = new java.util.LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                    return size() > window;
                }
            };
        }
        if (x.seenIds.putIfAbsent(id, Boolean.TRUE) == null) {
            return false;
        }
        deadLetter(message, sender, DeadLetterReason.DUPLICATE, "exactly-once message id " + id + " already handled");
        return true;
    }

    private static DeliveryGuarantee guaranteeOf(Object item, Object message) {
        if (item instanceof Envelope.Guaranteed guaranteed) {
            return guaranteed.guarantee;
        }
        return message instanceof Message typed ? MessageMetadata.of(typed.getClass()).guarantee()
                : DeliveryGuarantee.AT_MOST_ONCE;
    }

    // ---------------------------------------------------------------- lifecycle

    private void processSystemLane() {
        ConcurrentLinkedQueue<SystemMessage> lane = systemLane;
        if (lane == null) {
            return;
        }
        SystemMessage message;
        while ((message = lane.poll()) != null) {
            handleSystem(message);
        }
    }

    private void handleSystem(SystemMessage message) {
        int state = lifecycle;
        if (message instanceof SystemMessage.Stop) {
            if (state == STOPPED || afterChildren == THEN_STOP) {
                return;
            }
            if (afterChildren != THEN_NOTHING) {
                afterChildren = THEN_STOP; // children are already stopping for a restart or a give-up
            } else {
                beginStop();
            }
        } else if (message instanceof SystemMessage.Restart) {
            if (state != STOPPED && afterChildren == THEN_NOTHING) {
                beginRestart();
            }
        } else if (message instanceof SystemMessage.GiveUp giveUp) {
            if (state != STOPPED && afterChildren == THEN_NOTHING) {
                beginEscalate(giveUp.cause());
            }
        } else if (message instanceof SystemMessage.ChildFailed failedChild) {
            if (state != STOPPED && actor instanceof ChildSupervision hooks) {
                hooks.childFailed(failedChild.child(), failedChild.cause());
            }
        } else if (message instanceof SystemMessage.ChildStarted started) {
            if (state != STOPPED && actor instanceof ChildSupervision hooks) {
                hooks.childStarted(started.child());
            }
        } else if (message instanceof SystemMessage.ChildStopTimeout timeout) {
            if (state != STOPPED && actor instanceof ChildSupervision hooks) {
                hooks.childStopTimedOut(timeout.child());
                finishAfterChildrenIfDone();
            }
        } else if (message instanceof SystemMessage.Watch watch) {
            if (state == STOPPED) {
                watch.watcher().sendSystem(new SystemMessage.WatchedTerminated(this));
            } else if (watch.watcher() != this) {
                Extras<M> x = extras();
                if (x.watchers == null) {
                    x.watchers = new HashSet<>();
                }
                x.watchers.add(watch.watcher());
            }
        } else if (message instanceof SystemMessage.Unwatch unwatch) {
            if (extras != null && extras.watchers != null) {
                extras.watchers.remove(unwatch.watcher());
            }
        } else if (message instanceof SystemMessage.WatchedTerminated terminated) {
            // Only a running instance hears it; one being replaced or stopped has no use for it.
            if (extras != null && extras.watching != null && extras.watching.remove(terminated.ref())
                    && state == RUNNING) {
                signal(new Terminated(terminated.ref()));
            }
        } else if (message instanceof SystemMessage.ForeignTerminated terminated) {
            if (extras != null && extras.watchingForeign != null && extras.watchingForeign.remove(terminated.ref())
                    && state == RUNNING) {
                signal(new Terminated(terminated.ref()));
            }
        } else if (message instanceof SystemMessage.ChildTerminated terminated) {
            ConcurrentHashMap<String, ActorCell<?>> kids = children;
            if (kids != null) {
                kids.remove(terminated.child().name, terminated.child());
            }
            if (state != STOPPED && actor instanceof ChildSupervision hooks) {
                hooks.childTerminated(terminated.child(), terminated.failure());
            }
            finishAfterChildrenIfDone();
        }
    }

    private void finishAfterChildrenIfDone() {
        if (afterChildren == THEN_NOTHING || hasChildren()) {
            return;
        }
        switch (afterChildren) {
            case THEN_RESTART -> finishRestart();
            case THEN_ESCALATE -> finishEscalate();
            default -> finishStop();
        }
    }

    /** A supervisor gave up: its children stop (in order), then it fails to its parent. */
    private void beginEscalate(Throwable cause) {
        cancelTimers();
        extras().escalation = cause;
        lifecycle = SUSPENDED;
        afterChildren = THEN_ESCALATE;
        if (!stopChildren()) {
            finishEscalate();
        }
    }

    private void finishEscalate() {
        afterChildren = THEN_NOTHING;
        Throwable cause = extras().escalation;
        extras.escalation = null;
        if (supervised) {
            if (observed()) {
                event(new RuntimeEvent.Escalated(address(), cause.getClass().getName(), messageOf(cause),
                        Instant.now()));
            }
            parent.sendSystem(new SystemMessage.ChildFailed(this, cause));
        } else {
            system.markFailed(path(), cause);
            extras().stopFailure = cause;
            finishStop();
        }
    }

    /** Forgets a child that did not stop in time; the pending stop goes on without it. */
    void detachChild(ActorCell<?> child) {
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        if (kids != null) {
            kids.remove(child.name, child);
        }
    }

    boolean isSupervised() {
        return supervised;
    }

    ActorCell<?> parentCell() {
        return parent;
    }

    /** A supervised actor waits, suspended with its mailbox intact, for its supervisor to decide. */
    private void escalate(Throwable cause) {
        cancelTimers();
        lifecycle = SUSPENDED;
        parent.sendSystem(new SystemMessage.ChildFailed(this, cause));
    }

    void start() {
        lifecycle = RUNNING;
        try {
            actor.preStart(this);
        } catch (Throwable error) {
            FailureAction action = supervised ? FailureAction.ESCALATE : FailureAction.STOP;
            if (observed()) {
                event(new RuntimeEvent.ActorFailed(address(), error.getClass().getName(), messageOf(error),
                        action, Instant.now()));
            }
            system.failureLog().warn(path() + " (preStart)", error, action);
            if (supervised) {
                escalate(error);
            } else {
                extras().stopFailure = error;
                beginStop();
            }
            return;
        }
        if (observed()) {
            event(new RuntimeEvent.ActorStarted(address(), Instant.now()));
        }
        if (supervised && !supervisor) {
            reportStarted(); // a nested supervisor reports once its own children are up
        }
    }

    /** Tells the supervising parent this child is up (OTP: {@code start_link} returned). */
    void reportStarted() {
        parent.sendSystem(new SystemMessage.ChildStarted(this));
    }

    private void signal(Signal signal) {
        try {
            actor.onSignal(signal, this);
        } catch (Throwable error) {
            fail(error, null);
        }
    }

    private void fail(Throwable error, Object message) {
        if (message != null) {
            deadLetter(message, currentSender, DeadLetterReason.FAILED, error.toString());
        }
        decide(error, message);
    }

    /**
     * Counts the failure and applies the actor's decision; the caller has already dead-lettered the
     * message or kept it for redelivery.
     *
     * @param typedMessage what {@code onFailure} sees, or {@code null}
     */
    @SuppressWarnings("unchecked")
    private void decide(Throwable error, Object typedMessage) {
        FAILED.setOpaque(this, failed + 1);
        FailureAction action;
        try {
            action = actor.onFailure(error, (M) typedMessage);
        } catch (Throwable decisionError) {
            action = FailureAction.STOP;
        }
        if (action == null) {
            action = FailureAction.STOP;
        }
        system.failureLog().warn(path(), error, action);
        if (observed()) {
            event(new RuntimeEvent.ActorFailed(address(), error.getClass().getName(), messageOf(error), action,
                    Instant.now()));
        }
        switch (action) {
            case RESUME -> {
            }
            case RESTART, ESCALATE -> {
                if (supervised) {
                    escalate(error);
                } else {
                    beginRestart();
                }
            }
            case STOP -> {
                extras().stopFailure = error;
                beginStop();
            }
        }
    }

    private void beginRestart() {
        cancelTimers();
        lifecycle = SUSPENDED;
        afterChildren = THEN_RESTART;
        if (!stopChildren()) {
            finishRestart();
        }
    }

    private void finishRestart() {
        afterChildren = THEN_NOTHING;
        postStopQuietly();
        Actor<M> fresh;
        try {
            fresh = factory.get();
            if (fresh == null) {
                throw new ActorInitializationException("factory of " + path() + " returned null on restart");
            }
        } catch (Throwable error) {
            actor = null;
            FailureAction action = supervised ? FailureAction.ESCALATE : FailureAction.STOP;
            if (observed()) {
                event(new RuntimeEvent.ActorFailed(address(), error.getClass().getName(), messageOf(error),
                        action, Instant.now()));
            }
            system.failureLog().warn(path() + " (factory on restart)", error, action);
            if (supervised) {
                escalate(error); // the supervisor retries within its intensity
            } else {
                extras().stopFailure = error;
                finishStop();
            }
            return;
        }
        actor = fresh;
        if (observed()) {
            event(new RuntimeEvent.ActorRestarted(address(), Instant.now()));
        }
        lifecycle = CREATED;
        start();
    }

    private void beginStop() {
        cancelTimers();
        lifecycle = SUSPENDED;
        afterChildren = THEN_STOP;
        if (!stopChildren()) {
            finishStop();
        }
    }

    /** @return whether children are stopping (their termination will finish the pending action) */
    private boolean stopChildren() {
        if (supervisor && actor instanceof ChildSupervision hooks) {
            return hooks.stopChildrenInOrder();
        }
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        if (kids == null || kids.isEmpty()) {
            return false;
        }
        for (ActorCell<?> child : kids.values()) {
            child.sendSystem(SystemMessage.STOP);
        }
        return true;
    }

    private void finishStop() {
        afterChildren = THEN_NOTHING;
        lifecycle = STOPPED;
        postStopQuietly();
        actor = null;
        drainToDeadLetters();
        if (observed()) {
            event(new RuntimeEvent.ActorStopped(address(), Instant.now()));
        }
        retired = true; // from here on late counts go straight to the system totals
        system.retire(this);
        // The parent first, so a parent that also watches has freed the name when it hears Terminated.
        Extras<M> x = extras;
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildTerminated(this, x == null ? null : x.stopFailure));
        } else {
            system.guardianStopped();
        }
        if (x != null && x.watchers != null) {
            for (ActorCell<?> watcher : x.watchers) {
                watcher.sendSystem(new SystemMessage.WatchedTerminated(this));
            }
        }
        if (x != null && x.watchingForeign != null) {
            unwatchForeign(x.watchingForeign);
        }
        extras = null;
    }

    /** A stopped actor watches nothing: the transports behind foreign refs may forget it. */
    private void unwatchForeign(Set<ActorRef<?>> refs) {
        for (ActorRef<?> ref : refs) {
            try {
                ((WatchableRef) ref).unwatch(this);
            } catch (RuntimeException e) {
                LOG.warn("unwatch of {} by {} failed; ignored", ref, path(), e);
            }
        }
    }

    private void postStopQuietly() {
        Actor<M> current = actor;
        if (current == null) {
            return;
        }
        try {
            current.postStop(this);
        } catch (Throwable error) {
            LOG.warn("postStop of {} threw; ignored", path(), error);
        }
    }

    private void drainToDeadLetters() {
        if (extras != null && extras.redelivery != null) {
            Redelivery pending = extras.redelivery;
            extras.redelivery = null;
            deadLetter(pending.message, pending.sender, DeadLetterReason.STOPPED,
                    "the actor stopped before redelivery attempt " + pending.attempt);
        }
        Object item;
        while ((item = mailbox.poll()) != null) {
            deadLetterItem(item, DeadLetterReason.STOPPED, "the actor stopped before handling it");
        }
        processSystemLane();
    }

    private void cancelTimers() {
        if (extras != null && extras.timers != null) {
            extras.timers.cancelAll();
        }
    }

    private void event(RuntimeEvent event) {
        system.publish(event);
    }

    private boolean observed() {
        return system.observed();
    }

    private static String messageOf(Throwable error) {
        return error.getMessage() == null ? "" : error.getMessage();
    }

    private Extras<M> extras() {
        Extras<M> x = extras;
        if (x == null) {
            x = new Extras<>();
            extras = x;
        }
        return x;
    }

    // ---------------------------------------------------------------- children

    <C> ActorCell<C> spawnChild(String childName, Supplier<? extends Actor<C>> childFactory, SpawnOptions options) {
        return spawnChild(childName, childFactory, options, false);
    }

    @SuppressWarnings("unchecked")
    <C> ActorCell<C> spawnChild(String childName, Supplier<? extends Actor<?>> anyFactory, SpawnOptions options,
                                boolean childIsSupervisor) {
        Supplier<? extends Actor<C>> childFactory = (Supplier<? extends Actor<C>>) anyFactory;
        Objects.requireNonNull(childFactory, "factory");
        Objects.requireNonNull(options, "options");
        system.checkCanSpawn();
        if (!ActorNames.isGenerated(childName)) {
            ActorNames.validate(childName);
        }
        ConcurrentHashMap<String, ActorCell<?>> kids = childrenMap();
        if (kids.containsKey(childName)) {
            throw duplicate(childName);
        }
        Dispatcher childDispatcher = system.dispatcher(options.dispatcher());
        Actor<C> instance = create(childFactory, childName);
        ActorCell<C> child = new ActorCell<>(system, this, childName, system.nextUid(), childDispatcher, childFactory,
                Mailbox.create(options.mailbox()), instance, childIsSupervisor);
        if (kids.putIfAbsent(childName, child) != null) {
            throw duplicate(childName);
        }
        if (lifecycle >= SUSPENDED) {
            // The parent began stopping while this child was added: it must not outlive the parent.
            child.sendSystem(SystemMessage.STOP);
        } else {
            child.scheduleIfIdle();
        }
        return child;
    }

    private DuplicateActorNameException duplicate(String childName) {
        return new DuplicateActorNameException("an actor named '" + childName + "' already exists under " + path()
                + "; names must be unique among siblings");
    }

    private <C> Actor<C> create(Supplier<? extends Actor<C>> factory, String childName) {
        Actor<C> instance;
        try {
            instance = factory.get();
        } catch (RuntimeException | Error e) {
            throw new ActorInitializationException("factory of " + path() + "/" + childName + " threw " + e, e);
        }
        if (instance == null) {
            throw new ActorInitializationException("factory of " + path() + "/" + childName + " returned null");
        }
        return instance;
    }

    @SuppressWarnings("unchecked")
    private ConcurrentHashMap<String, ActorCell<?>> childrenMap() {
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        if (kids != null) {
            return kids;
        }
        ConcurrentHashMap<String, ActorCell<?>> fresh = new ConcurrentHashMap<>(4);
        Object won = CHILDREN.compareAndExchange(this, null, fresh);
        return won == null ? fresh : (ConcurrentHashMap<String, ActorCell<?>>) won;
    }

    boolean hasChildren() {
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        return kids != null && !kids.isEmpty();
    }

    Collection<ActorCell<?>> childCells() {
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        return kids == null ? List.of() : kids.values();
    }

    ActorCell<?> childCell(String childName) {
        ConcurrentHashMap<String, ActorCell<?>> kids = children;
        return kids == null ? null : kids.get(childName);
    }

    // ---------------------------------------------------------------- context

    @Override
    public ActorRef<M> self() {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ActorRef<Object> sender() {
        ActorRef<?> sender = currentSender;
        return sender != null ? (ActorRef<Object>) sender : system.noSender();
    }

    @Override
    public ActorSystem system() {
        return system;
    }

    @Override
    public <C> ActorRef<C> spawn(String childName, Supplier<? extends Actor<C>> childFactory) {
        ActorNames.validate(childName);
        return spawnChild(childName, childFactory, system.defaultSpawnOptions());
    }

    @Override
    public <C> ActorRef<C> spawn(String childName, Supplier<? extends Actor<C>> childFactory, SpawnOptions options) {
        ActorNames.validate(childName);
        return spawnChild(childName, childFactory, options);
    }

    @Override
    public <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> childFactory) {
        return spawnChild(ActorNames.anonymous(system.nextUid()), childFactory, system.defaultSpawnOptions());
    }

    @Override
    public Collection<ActorRef<?>> children() {
        return Collections.unmodifiableList(new ArrayList<>(childCells()));
    }

    @Override
    public Optional<ActorRef<?>> child(String childName) {
        return Optional.ofNullable(childCell(childName));
    }

    @Override
    public void stop(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref == this || (ref instanceof ActorCell<?> cell && cell.parent == this)) {
            ((ActorCell<?>) ref).sendSystem(SystemMessage.STOP);
            return;
        }
        throw new IllegalArgumentException("an actor can stop only itself and its children; " + ref.address().path()
                + " is not a child of " + path());
    }

    @Override
    public void watch(ActorRef<?> ref) {
        if (isForeign(ref)) {
            Extras<M> x = extras();
            if (x.watchingForeign == null) {
                x.watchingForeign = new HashSet<>();
            }
            if (x.watchingForeign.add(ref)) {
                try {
                    ((WatchableRef) ref).watch(this, () -> sendSystem(new SystemMessage.ForeignTerminated(ref)));
                } catch (RuntimeException e) {
                    x.watchingForeign.remove(ref);
                    throw e;
                }
            }
            return;
        }
        ActorCell<?> target = watchable(ref);
        if (target == this) {
            return;
        }
        Extras<M> x = extras();
        if (x.watching == null) {
            x.watching = new HashSet<>();
        }
        if (x.watching.add(target)) {
            target.sendSystem(new SystemMessage.Watch(this));
        }
    }

    @Override
    public void unwatch(ActorRef<?> ref) {
        if (isForeign(ref)) {
            if (extras != null && extras.watchingForeign != null && extras.watchingForeign.remove(ref)) {
                ((WatchableRef) ref).unwatch(this);
            }
            return;
        }
        ActorCell<?> target = watchable(ref);
        if (extras != null && extras.watching != null && extras.watching.remove(target)) {
            target.sendSystem(new SystemMessage.Unwatch(this));
        }
    }

    private static boolean isForeign(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        return !(ref instanceof ActorCell<?>) && ref instanceof WatchableRef;
    }

    private static ActorCell<?> watchable(ActorRef<?> ref) {
        if (ref instanceof ActorCell<?> cell) {
            return cell;
        }
        throw new IllegalArgumentException("only actors can be watched (local ones, or refs that implement "
                + "WatchableRef), not " + ref);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ActorRef<T> messageAdapter(Class<T> type, Function<? super T, ? extends M> adapter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(adapter, "adapter");
        Extras<M> x = extras();
        if (x.adapters == null) {
            x.adapters = new HashMap<>();
        }
        AdapterRef<T, M> existing = (AdapterRef<T, M>) x.adapters.get(type);
        if (existing != null) {
            existing.replace(adapter);
            return existing;
        }
        AdapterRef<T, M> created = new AdapterRef<>(this, type, adapter);
        x.adapters.put(type, created);
        return created;
    }

    @Override
    public TimerScheduler<M> timers() {
        Extras<M> x = extras();
        if (x.timers == null) {
            x.timers = new Timers<>(this, system.scheduler());
        }
        return x.timers;
    }

    @Override
    public Logger log() {
        if (!mdcSet) {
            MDC.put(MDC_KEY, path());
            mdcSet = true;
        }
        Actor<M> current = actor;
        return LoggerFactory.getLogger(current == null ? ActorCell.class : current.getClass());
    }

    // ---------------------------------------------------------------- ref

    @Override
    public ActorAddress address() {
        ActorAddress a = address;
        if (a == null) {
            a = new ActorAddress(system.name(), buildPath(), uid);
            address = a;
        }
        return a;
    }

    /** The path, built once (with the address) on first use: idle actors that are never asked pay nothing. */
    String path() {
        return address().path();
    }

    private String buildPath() {
        return parent == null ? "/" + name : parent.path() + "/" + name;
    }

    String name() {
        return name;
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return AskPromise.ask(system, this, request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
        return AskPromise.ask(system, this, request, system.askTimeout());
    }

    // ---------------------------------------------------------------- monitoring

    boolean isStopped() {
        return lifecycle == STOPPED;
    }

    long mailboxDepth() {
        return mailbox.depth();
    }

    boolean isScheduled() {
        return status != IDLE;
    }

    boolean isSupervisor() {
        return supervisor;
    }

    /** @return the lifecycle state for {@link ActorSystem#tree()}; a volatile read, any thread */
    ActorNode.State nodeState() {
        return switch (lifecycle) {
            case CREATED -> ActorNode.State.STARTING;
            case RUNNING -> ActorNode.State.RUNNING;
            case SUSPENDED -> ActorNode.State.SUSPENDED;
            default -> ActorNode.State.STOPPED;
        };
    }

    /** @return whether the cell is stopping or stopped, not merely restarting */
    boolean isStoppingForGood() {
        return lifecycle == STOPPED || afterChildren == THEN_STOP;
    }

    boolean isRetired() {
        return retired;
    }

    /**
     * Termination timed out: stop without running actor code and dead-letter the mailbox. Safe only
     * when this thread can take the cell's turn, that is when no worker is inside it.
     *
     * @param threadsEnded whether every dispatcher thread has ended
     * @return whether the cell was stopped
     */
    boolean forceStop(boolean threadsEnded) {
        if (!STATUS.compareAndSet(this, IDLE, SCHEDULED) && !threadsEnded) {
            return false;
        }
        lifecycle = STOPPED;
        actor = null;
        drainToDeadLetters();
        if (!retired) {
            system.retire(this);
            retired = true;
        }
        status = IDLE;
        return true;
    }

    /** @return whether nothing is queued or running; a thread lingering on the actor does not count as running */
    boolean isQuiet() {
        ConcurrentLinkedQueue<SystemMessage> lane = systemLane;
        return mailbox.isEmpty() && (lane == null || lane.isEmpty())
                && (status == IDLE || dispatcher.isLingeringOn(this)); // lingering: scheduled, nothing to do
    }

    private long redeliveredSoFar() {
        Extras<M> x = extras;
        return x == null ? 0 : x.redelivered;
    }

    MailboxStats mailboxStats() {
        return new MailboxStats(mailbox.enqueued(), mailbox.dequeued(), (long) DROPPED.getOpaque(this),
                mailbox.depth(), (long) HIGH_WATER.getOpaque(this));
    }

    DeliveryStats stats() {
        long refusedNow = (long) REFUSED.getOpaque(this);
        long discardedNow = (long) DISCARDED.getOpaque(this);
        return new DeliveryStats(
                mailbox.enqueued() + refusedNow - discardedNow,
                (long) DELIVERED.getOpaque(this),
                (long) FAILED.getOpaque(this),
                (long) DEAD_LETTERED.getOpaque(this),
                (long) DROPPED.getOpaque(this),
                redeliveredSoFar(),
                mailbox.depth(),
                (long) HIGH_WATER.getOpaque(this));
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(uid);
    }

    @Override
    public String toString() {
        return "ActorRef[" + path() + "]";
    }
}
