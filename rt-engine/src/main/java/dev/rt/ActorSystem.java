package dev.rt;

import dev.rt.monitor.DeliveryStats;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running set of actors with its dispatchers, scheduler and dead letters. Build one with
 * {@link #builder(String)}; close it with {@link #terminate(Duration)} or {@link #close()}.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.builder("shop").build()) {
 *     ActorRef<CounterMsg> counter = system.spawn("counter", Counter::new);
 *     counter.tell(new CounterMsg.Add(5));
 *     long total = counter.<Long>ask(CounterMsg.Get::new, Duration.ofSeconds(1)).join();
 * }
 * }</pre>
 *
 * <p>Top-level actors live under {@code /user}. Every method is thread-safe.
 */
public final class ActorSystem implements AutoCloseable {

    /** Name of the work-stealing dispatcher actors run on unless told otherwise. */
    public static final String DEFAULT_DISPATCHER = "default";
    /** Name of the dispatcher for actors that block. */
    public static final String BLOCKING_DISPATCHER = "blocking";
    /** Ask timeout when none is configured, as {@code gen_server:call}. */
    public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} lets actors drain and stop. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ActorSystem.class);

    private static final int RUNNING = 0;
    private static final int DRAINING = 1;
    private static final int STOPPING = 2;
    private static final int TERMINATED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ActorSystem.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The lifecycle of a system. */
    public enum State {
        /** Accepting actors and messages. */
        RUNNING,
        /** Terminating: letting queued messages drain; new work from outside is refused. */
        DRAINING,
        /** Terminating: stopping actors, children before parents. */
        STOPPING,
        /** Every actor stopped and every thread released. */
        TERMINATED,
        /** Running, but a top-level supervisor exceeded its restart intensity and gave up. */
        FAILED
    }

    private final String name;
    private final Map<String, Dispatcher> dispatchers;
    private final Scheduler scheduler;
    private final RuntimeListener listener;
    private final DeadLetters deadLetters;
    private final FailureLog failureLog = new FailureLog();
    private final Duration askTimeout;
    private final Duration shutdownTimeout;
    private final SpawnOptions defaultSpawnOptions;
    private final int sampleEvery;
    private final AtomicLong uids = new AtomicLong();
    private final NoSenderRef noSender;
    private final ActorCell<Object> guardian;
    private final CompletableFuture<Void> guardianStopped = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final LongAdder retiredSent = new LongAdder();
    private final LongAdder retiredDelivered = new LongAdder();
    private final LongAdder retiredFailed = new LongAdder();
    private final LongAdder retiredDeadLettered = new LongAdder();
    private final LongAdder retiredDropped = new LongAdder();
    private final LongAdder askTimeouts = new LongAdder();
    private final NanoClock clock;
    private final int maxDeliveryAttempts;
    private final int deduplicationWindow;
    private final ConcurrentHashMap<String, Supervisor> supervisors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Topic<?>> topics = new ConcurrentHashMap<>();
    private volatile String failure;
    private volatile int state = RUNNING;
    private volatile boolean dispatchersStopped;

    private ActorSystem(Builder builder) {
        this.name = builder.name;
        this.listener = builder.listener;
        this.clock = builder.clock;
        this.maxDeliveryAttempts = builder.maxDeliveryAttempts;
        this.deduplicationWindow = builder.deduplicationWindow;
        this.deadLetters = new DeadLetters(listener);
        this.askTimeout = builder.askTimeout;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.defaultSpawnOptions = SpawnOptions.defaults().withMailbox(builder.defaultMailbox);
        this.sampleEvery = builder.sampleEvery;
        this.scheduler = builder.scheduler != null ? builder.scheduler
                : new TimerWheel("rt-" + name + "-scheduler", builder.schedulerTick.toNanos());
        Map<String, Dispatcher> built = new LinkedHashMap<>();
        builder.dispatchers.forEach((id, config) -> built.put(id, Dispatcher.create(name, id, config)));
        this.dispatchers = Map.copyOf(built);
        this.noSender = new NoSenderRef(this);
        this.guardian = new ActorCell<>(this, null, "user", nextUid(), dispatchers.get(DEFAULT_DISPATCHER),
                () -> (message, ctx) -> { }, Mailbox.create(MailboxConfig.unbounded()), (message, ctx) -> { }, false);
        guardian.start();
    }

    /**
     * @param name the system's name, used in addresses and thread names
     * @return a builder with defaults: a work-stealing dispatcher sized to the cores, a blocking
     *         dispatcher, unbounded mailboxes, a 5 s ask timeout, no listener and no sampling
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @param name the system's name
     * @return a system with the defaults of {@link #builder(String)}
     */
    public static ActorSystem create(String name) {
        return builder(name).build();
    }

    // ---------------------------------------------------------------- actors

    /**
     * Starts a top-level actor under {@code /user} with the default mailbox and dispatcher.
     *
     * @param name unique among top-level actors
     * @param factory creates the instance now, and a fresh one on every restart
     * @param <M> the message type
     * @return the actor's ref
     * @throws InvalidActorNameException if the name is not a valid path segment
     * @throws DuplicateActorNameException if a live actor has that name
     * @throws ActorInitializationException if the factory throws or returns {@code null}
     * @throws ActorSystemTerminatedException if the system is terminating
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory) {
        ActorNames.validate(name);
        return guardian.spawnChild(name, factory, defaultSpawnOptions);
    }

    /**
     * Starts a top-level actor with explicit options.
     *
     * @param name unique among top-level actors
     * @param factory creates the instance now, and a fresh one on every restart
     * @param options mailbox and dispatcher
     * @param <M> the message type
     * @return the actor's ref
     * @throws UnknownDispatcherException if the options name a dispatcher that does not exist
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, SpawnOptions options) {
        ActorNames.validate(name);
        return guardian.spawnChild(name, factory, options);
    }

    /**
     * Starts a top-level actor with a generated name.
     *
     * @param factory creates the instance
     * @param <M> the message type
     * @return the actor's ref
     */
    public <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory) {
        return guardian.spawnChild(ActorNames.anonymous(nextUid()), factory, defaultSpawnOptions);
    }

    /**
     * Starts a supervision tree under {@code /user}: its children start one at a time in order.
     *
     * @param spec the tree
     * @return the running supervisor; {@link Supervisor#whenStarted()} completes when all children are up
     * @throws DuplicateActorNameException if a top-level actor has the spec's name
     */
    public Supervisor supervise(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Supervisor handle = registerSupervisor(spec, "/user/" + spec.name());
        try {
            guardian.spawnChild(spec.name(), () -> new SupervisorActor(spec, handle), defaultSpawnOptions, true);
        } catch (RuntimeException e) {
            supervisors.remove(handle.path(), handle);
            throw e;
        }
        return handle;
    }

    /**
     * The topic of that name, created on first use.
     *
     * @param name the topic's name, a path segment
     * @param <M> the message type (not checked: use one type per name)
     * @return the topic
     */
    @SuppressWarnings("unchecked")
    public <M> Topic<M> topic(String name) {
        ActorNames.validate(name);
        return (Topic<M>) topics.computeIfAbsent(name, key -> new Topic<>(this, key, nextUid()));
    }

    /** @return every live supervisor, nested ones included, by path */
    public List<Supervisor> supervisors() {
        List<Supervisor> out = new ArrayList<>(supervisors.values());
        out.sort(Comparator.comparing(Supervisor::path));
        return out;
    }

    /**
     * @param path a supervisor's path, such as {@code /user/app/workers}
     * @return the live supervisor there
     */
    public Optional<Supervisor> supervisor(String path) {
        return Optional.ofNullable(supervisors.get(path));
    }

    /**
     * The live actor tree under {@code /user}, with each actor's counters. Walks every actor: meant for
     * endpoints and diagnostics, not for hot paths.
     *
     * @return the root ({@code /user}) and everything below it
     */
    public ActorNode tree() {
        return node(guardian);
    }

    private ActorNode node(ActorCell<?> cell) {
        List<ActorNode> kids = new ArrayList<>();
        for (ActorCell<?> child : cell.childCells()) {
            if (!child.isStopped()) {
                kids.add(node(child));
            }
        }
        kids.sort(Comparator.comparing(ActorNode::name));
        return new ActorNode(cell.path(), cell.name(), cell.isSupervisor(), cell.stats(), kids, cell.nodeState());
    }

    /**
     * Stops an actor of this system (its children first). Messages still queued become dead letters.
     * Stopping an actor that has already stopped does nothing. A supervised child stopped this way is
     * stopped on purpose: its supervisor removes it and does not restart it.
     *
     * @param ref the actor
     */
    @SuppressWarnings("unchecked")
    public void stop(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        if (!(ref instanceof ActorCell<?> cell) || cell.system() != this) {
            throw new IllegalArgumentException(ref + " is not an actor of system " + name);
        }
        if (cell.isSupervised()) {
            ((ActorCell<SupervisorActor.Command>) cell.parentCell()).tell(
                    new SupervisorActor.Command.StopChild(cell.name(), null));
            return;
        }
        cell.sendSystem(SystemMessage.STOP);
    }

    /**
     * Finds a live actor by path, such as {@code /user/orders/worker-1}.
     *
     * @param path the actor's path
     * @param <M> the expected message type (not checked)
     * @return the actor, or empty if none lives there
     */
    @SuppressWarnings("unchecked")
    public <M> Optional<ActorRef<M>> lookup(String path) {
        Objects.requireNonNull(path, "path");
        String[] segments = path.split("/");
        if (segments.length < 2 || !segments[0].isEmpty() || !"user".equals(segments[1])) {
            return Optional.empty();
        }
        ActorCell<?> cell = guardian;
        for (int i = 2; i < segments.length && cell != null; i++) {
            cell = cell.childCell(segments[i]);
        }
        if (cell == null || cell == guardian || cell.isStopped()) {
            return Optional.empty();
        }
        return Optional.of((ActorRef<M>) cell);
    }

    // ---------------------------------------------------------------- monitoring

    /** @return the system's name */
    public String name() {
        return name;
    }

    /** @return the current lifecycle state; {@link State#FAILED} while running after a root supervisor gave up */
    public State state() {
        int current = state;
        return current == RUNNING && failure != null ? State.FAILED : State.values()[current];
    }

    /** @return why the system is {@link State#FAILED}, or {@code null} */
    public String failure() {
        return failure;
    }

    /** @return the dead-letter counters and listeners */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** @return the ask timeout used when none is given */
    public Duration askTimeout() {
        return askTimeout;
    }

    /** @return the monitoring listener */
    public RuntimeListener listener() {
        return listener;
    }

    /**
     * Delivery counters of the whole system: live actors plus every actor that has stopped. Walks the
     * actor tree, so it costs time proportional to the number of actors; meant for metrics scrapes.
     *
     * @return the counters
     */
    public DeliveryStats stats() {
        DeliveryStats sum = new DeliveryStats(retiredSent.sum(), retiredDelivered.sum(), retiredFailed.sum(),
                retiredDeadLettered.sum(), retiredDropped.sum(), 0, 0, 0);
        Deque<ActorCell<?>> pending = new ArrayDeque<>(guardian.childCells());
        while (!pending.isEmpty()) {
            ActorCell<?> cell = pending.pop();
            pending.addAll(cell.childCells());
            if (!cell.isRetired()) {
                sum = sum.plus(cell.stats());
            }
        }
        return sum;
    }

    /**
     * @param ref an actor of this system
     * @return its mailbox counters: enqueued, dequeued, dropped, depth and high-water mark
     */
    public dev.rt.monitor.MailboxStats mailboxStats(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        return ref instanceof ActorCell<?> cell ? cell.mailboxStats()
                : new dev.rt.monitor.MailboxStats(0, 0, 0, 0, 0);
    }

    /**
     * Request-response through any ref, for {@link ActorRef} implementations outside the engine (a remote
     * ref, for example): builds the request around a temporary reply ref of this system, sends it with
     * {@code target.tell(request, replyRef)} and completes the future with the first reply, or fails it
     * with {@link AskTimeoutException}. If {@code tell} throws, the future fails with that exception.
     *
     * @param target where the request goes
     * @param request makes the request from the reply ref
     * @param timeout how long to wait for the reply, positive
     * @param <M> the target's message type
     * @param <R> the reply type
     * @return the reply
     */
    public <M, R> CompletableFuture<R> ask(ActorRef<M> target, java.util.function.Function<ActorRef<R>, ? extends M> request,
                                           Duration timeout) {
        Objects.requireNonNull(target, "target");
        return AskPromise.ask(this, target, request, timeout);
    }

    /** @return asks that timed out so far */
    public long askTimeouts() {
        return askTimeouts.sum();
    }

    /**
     * @param ref an actor of this system
     * @return its counters (after it stopped, the last values it had)
     */
    public DeliveryStats stats(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        return ref instanceof ActorCell<?> cell ? cell.stats() : DeliveryStats.EMPTY;
    }

    // ---------------------------------------------------------------- termination

    /**
     * Terminates the system: refuses new actors and messages from outside, lets queued messages drain,
     * then stops every actor (children before parents, running {@code postStop}), dead-letters what is
     * left with reason {@code STOPPED}, and ends every thread. Idempotent. Called from an actor, it
     * starts termination on another thread and returns {@code false} at once.
     *
     * @param timeout the whole budget for draining and stopping
     * @return whether everything drained, stopped and ended within the timeout
     */
    public boolean terminate(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (Thread.currentThread() instanceof RuntimeThread) {
            Thread terminator = new Thread(() -> terminate(timeout), "rt-" + name + "-terminator");
            terminator.setDaemon(true);
            terminator.start();
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!STATE.compareAndSet(this, RUNNING, DRAINING)) {
            return awaitTerminated(deadline);
        }
        boolean drained = awaitQuiet(deadline);
        state = STOPPING;
        guardian.sendSystem(SystemMessage.STOP);
        boolean stopped = awaitGuardian(deadline);
        boolean threadsEnded = releaseThreads(deadline, stopped);
        if (!stopped) {
            forceStopRemaining(threadsEnded);
        }
        state = TERMINATED;
        dispatchersStopped = true;
        terminated.complete(null);
        if (!drained || !stopped || !threadsEnded) {
            LOG.warn("Actor system {} terminated after its {} ms timeout (drained: {}, actors stopped: {}, threads "
                    + "ended: {})", name, timeout.toMillis(), drained, stopped, threadsEnded);
        }
        return drained && stopped && threadsEnded;
    }

    /** Terminates with the configured shutdown timeout (10 s by default). */
    @Override
    public void close() {
        terminate(shutdownTimeout);
    }

    /** @return completes when the system has terminated */
    public CompletableFuture<Void> whenTerminated() {
        return terminated.copy();
    }

    private boolean awaitTerminated(long deadline) {
        try {
            terminated.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean awaitQuiet(long deadline) {
        int quietChecks = 0;
        while (System.nanoTime() - deadline < 0) {
            quietChecks = allQuiet() ? quietChecks + 1 : 0;
            if (quietChecks == 2) {
                return true;
            }
            // Termination only: poll the tree instead of counting messages on the hot path.
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }

    private boolean allQuiet() {
        Deque<ActorCell<?>> pending = new ArrayDeque<>(guardian.childCells());
        while (!pending.isEmpty()) {
            ActorCell<?> cell = pending.pop();
            if (!cell.isQuiet()) {
                return false;
            }
            pending.addAll(cell.childCells());
        }
        return true;
    }

    private boolean awaitGuardian(long deadline) {
        try {
            guardianStopped.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean releaseThreads(long deadline, boolean graceful) {
        scheduler.shutdown(ActorSystem::abandon);
        for (Dispatcher dispatcher : dispatchers.values()) {
            if (graceful) {
                dispatcher.shutdown();
            } else {
                dispatcher.shutdownNow();
            }
        }
        boolean ended = true;
        try {
            for (Dispatcher dispatcher : dispatchers.values()) {
                long left = Math.max(TimeUnit.MILLISECONDS.toNanos(100), deadline - System.nanoTime());
                if (!dispatcher.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    dispatcher.shutdownNow();
                    ended &= dispatcher.awaitTermination(1, TimeUnit.SECONDS);
                }
            }
            ended &= scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return ended;
    }

    /** A task the scheduler will never run: an ask waiting on it fails now rather than never. */
    private static void abandon(Runnable task) {
        if (task instanceof AskPromise<?> promise) {
            promise.abandon();
        }
    }

    /** After a timeout: stop what is left without running its code, dead-lettering its messages. */
    private void forceStopRemaining(boolean threadsEnded) {
        dispatchersStopped = true;
        Deque<ActorCell<?>> pending = new ArrayDeque<>(guardian.childCells());
        while (!pending.isEmpty()) {
            ActorCell<?> cell = pending.pop();
            pending.addAll(cell.childCells());
            if (!cell.isStopped() && !cell.forceStop(threadsEnded)) {
                LOG.warn("Actor {} is still running a message after the shutdown timeout; its thread was interrupted",
                        cell.address().path());
            }
        }
    }

    // ---------------------------------------------------------------- runtime internals

    NanoClock clock() {
        return clock;
    }

    /** @return attempts an at-least-once message gets before it is dead-lettered */
    public int maxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    int deduplicationWindow() {
        return deduplicationWindow;
    }

    Supervisor registerSupervisor(SupervisorSpec spec, String path) {
        Supervisor handle = new Supervisor(this, spec, path);
        supervisors.put(path, handle);
        return handle;
    }

    void unregisterSupervisor(Supervisor handle, ActorCell<?> cell) {
        if (handle.cell() == cell && cell.isStoppingForGood()) {
            supervisors.remove(handle.path(), handle);
        }
    }

    void markFailed(String path, Throwable cause) {
        failure = "supervisor " + path + " gave up: " + cause.getMessage();
        LOG.error("Actor system {} is FAILED: top-level supervisor {} exceeded its restart intensity", name, path,
                cause);
    }

    long nextUid() {
        return uids.incrementAndGet();
    }

    /** @return the sampling interval, 0 when sampling is off */
    int sampleEvery() {
        return sampleEvery;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    FailureLog failureLog() {
        return failureLog;
    }

    NoSenderRef noSender() {
        return noSender;
    }

    SpawnOptions defaultSpawnOptions() {
        return defaultSpawnOptions;
    }

    boolean dispatchersStopped() {
        return dispatchersStopped;
    }

    Dispatcher dispatcher(String dispatcherName) {
        Dispatcher dispatcher = dispatchers.get(dispatcherName);
        if (dispatcher == null) {
            throw new UnknownDispatcherException("no dispatcher named '" + dispatcherName + "' in system " + name
                    + "; known: " + dispatchers.keySet());
        }
        return dispatcher;
    }

    /** Sends from outside the runtime's threads are refused once termination has begun. */
    boolean acceptsSendsFromCurrentThread() {
        int current = state;
        return current == RUNNING || (current != TERMINATED && Thread.currentThread() instanceof RuntimeThread);
    }

    void checkCanSpawn() {
        int current = state;
        if (current == RUNNING || (current == DRAINING && Thread.currentThread() instanceof RuntimeThread)) {
            return;
        }
        throw new ActorSystemTerminatedException("actor system " + name + " is " + state().name().toLowerCase()
                + " and takes no new actors");
    }

    /** @return whether events are wanted; without a listener the runtime builds none */
    boolean observed() {
        return listener != RuntimeListener.NO_OP;
    }

    void publish(RuntimeEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("RuntimeListener threw on {}; ignored", event.getClass().getSimpleName(), e);
        }
    }

    void sampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
        try {
            listener.onMessageSampled(actor, timeInMailboxNanos, processingNanos);
        } catch (RuntimeException e) {
            LOG.warn("RuntimeListener threw on a sample; ignored", e);
        }
    }

    void retire(ActorCell<?> cell) {
        DeliveryStats last = cell.stats();
        retiredSent.add(last.sent());
        retiredDelivered.add(last.delivered());
        retiredFailed.add(last.failed());
        retiredDeadLettered.add(last.deadLettered());
        retiredDropped.add(last.dropped());
    }

    void countAskTimeout() {
        askTimeouts.increment();
    }

    void countLateDeadLetter(boolean refusedAtSend) {
        retiredDeadLettered.increment();
        if (refusedAtSend) {
            retiredSent.increment();
        }
    }

    void guardianStopped() {
        guardianStopped.complete(null);
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name + ", " + state() + "]";
    }

    /** Configures an {@link ActorSystem}. */
    public static final class Builder {
        private final String name;
        private final Map<String, DispatcherConfig> dispatchers = new LinkedHashMap<>();
        private MailboxConfig defaultMailbox = MailboxConfig.unbounded();
        private Duration askTimeout = DEFAULT_ASK_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration schedulerTick = Duration.ofMillis(10);
        private RuntimeListener listener = RuntimeListener.NO_OP;
        private int sampleEvery;
        private NanoClock clock = NanoClock.SYSTEM;
        private Scheduler scheduler;
        private int maxDeliveryAttempts = 5;
        private int deduplicationWindow = 10_000;

        private Builder(String name) {
            ActorNames.validate(name);
            this.name = name;
            dispatchers.put(DEFAULT_DISPATCHER, DispatcherConfig.workStealing());
            dispatchers.put(BLOCKING_DISPATCHER,
                    DispatcherConfig.blocking(Math.max(8, Runtime.getRuntime().availableProcessors() * 4)));
        }

        /**
         * Adds or replaces a dispatcher; actors choose it by name in {@link SpawnOptions}.
         *
         * @param dispatcherName the name ({@value #DEFAULT_DISPATCHER} replaces the default)
         * @param config its configuration
         * @return this builder
         */
        public Builder dispatcher(String dispatcherName, DispatcherConfig config) {
            ActorNames.validate(dispatcherName);
            dispatchers.put(dispatcherName, Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * @param mailbox the mailbox actors get unless their options say otherwise
         * @return this builder
         */
        public Builder defaultMailbox(MailboxConfig mailbox) {
            this.defaultMailbox = Objects.requireNonNull(mailbox, "mailbox");
            return this;
        }

        /**
         * @param timeout the ask timeout when none is given, positive
         * @return this builder
         */
        public Builder askTimeout(Duration timeout) {
            this.askTimeout = positive(timeout, "ask timeout");
            return this;
        }

        /**
         * @param timeout how long {@link #close()} lets actors drain and stop, positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive(timeout, "shutdown timeout");
            return this;
        }

        /**
         * @param tick the resolution of timers and ask timeouts (10 ms by default), positive
         * @return this builder
         */
        public Builder schedulerTick(Duration tick) {
            this.schedulerTick = positive(tick, "scheduler tick");
            return this;
        }

        /**
         * @param runtimeListener receives lifecycle, failure and dead-letter events and samples
         * @return this builder
         */
        public Builder listener(RuntimeListener runtimeListener) {
            this.listener = Objects.requireNonNull(runtimeListener, "listener");
            return this;
        }

        /**
         * Samples about one message in {@code every} for time-in-mailbox and processing time: each actor's
         * first message, then, after it has handled {@code every} more, the next message sent to it. The
         * receiver decides, so senders pay nothing per message; 1 samples every message.
         *
         * @param every a power of two, or 0 to turn sampling off (the default)
         * @return this builder
         */
        public Builder sampleEvery(int every) {
            if (every < 0 || (every != 0 && Integer.bitCount(every) != 1)) {
                throw new IllegalArgumentException("sampling interval must be 0 (off) or a power of two, was "
                        + every);
            }
            this.sampleEvery = every;
            return this;
        }

        /**
         * @param nanoClock the clock supervisors measure intensity windows and backoff resets with
         * @return this builder
         */
        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock, "clock");
            return this;
        }

        /**
         * Replaces the timing wheel that runs ask timeouts, timers, backoff and shutdown timeouts, for
         * example with a scheduler a test advances by hand. Pair it with {@link #clock(NanoClock)} reading
         * the same time, so restart intensity and backoff resets agree with it. The system owns the
         * scheduler and shuts it down when it terminates; {@link #schedulerTick(Duration)} is then unused.
         *
         * @param customScheduler the scheduler, used by this system only
         * @return this builder
         */
        public Builder scheduler(Scheduler customScheduler) {
            this.scheduler = Objects.requireNonNull(customScheduler, "scheduler");
            return this;
        }

        /**
         * @param attempts how often an at-least-once message is tried before it is dead-lettered
         *                 ({@code FAILED}, with the count); at least 1, 5 by default
         * @return this builder
         */
        public Builder maxDeliveryAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("max delivery attempts must be at least 1, was " + attempts);
            }
            this.maxDeliveryAttempts = attempts;
            return this;
        }

        /**
         * @param ids how many exactly-once message ids each receiver remembers; at least 1, 10,000 by default
         * @return this builder
         */
        public Builder deduplicationWindow(int ids) {
            if (ids < 1) {
                throw new IllegalArgumentException("deduplication window must be at least 1, was " + ids);
            }
            this.deduplicationWindow = ids;
            return this;
        }

        /** @return a started system */
        public ActorSystem build() {
            return new ActorSystem(this);
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
