package dev.rt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A router that owns its routees: they are the children of a supervisor named after the pool, restarted
 * by it, and named {@code routee-1}, {@code routee-2}, ... Build one with {@link Routers#pool}. The pool
 * can be resized at run time; a routee removed by a shrink first stops receiving new messages, then
 * stops once its mailbox has drained (or its shutdown timeout passed).
 *
 * @param <M> the message type
 */
public final class PoolRouter<M> extends AbstractRouter<M> {

    private static final String ROUTEE_PREFIX = "routee-";

    private final Supervisor supervisor;
    private final Supplier<? extends Actor<M>> factory;
    private final SpawnOptions options;
    private final Duration drainTimeout;
    private int size;

    PoolRouter(ActorSystem system, Supervisor supervisor, RoutingStrategy<M> strategy,
               Supplier<? extends Actor<M>> factory, SpawnOptions options, Duration drainTimeout, int size) {
        super(system, new ActorAddress(system.name(), supervisor.path(), 0), strategy, new Routees<>(List.of()));
        this.supervisor = supervisor;
        this.factory = factory;
        this.options = options;
        this.drainTimeout = drainTimeout;
        this.size = size;
        refresh();
    }

    static String routeeName(int index) {
        return ROUTEE_PREFIX + index;
    }

    /** @return the supervisor that owns the routees */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** @return the number of routees the pool aims for */
    public synchronized int size() {
        return size;
    }

    /**
     * Grows or shrinks the pool.
     *
     * @param newSize at least 1
     * @return completes when the new routees have started, or the removed ones have stopped
     */
    public synchronized CompletableFuture<Void> resize(int newSize) {
        if (newSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + newSize);
        }
        int oldSize = size;
        size = newSize;
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (int i = oldSize + 1; i <= newSize; i++) {
            steps.add(supervisor.startChild(ChildSpec.actor(routeeName(i), factory).options(options)));
        }
        List<ActorRef<M>> removed = new ArrayList<>();
        for (int i = newSize + 1; i <= oldSize; i++) {
            Optional<ActorRef<M>> routee = supervisor.child(routeeName(i));
            routee.ifPresent(removed::add);
        }
        if (!removed.isEmpty()) {
            refresh(); // removed routees get no new messages from here on
            for (ActorRef<M> routee : removed) {
                steps.add(drainThenStop(routee));
            }
        }
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).thenRun(this::refresh);
    }

    private CompletableFuture<Void> drainThenStop(ActorRef<M> routee) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        // the system's clock, like the check's schedule: on a test's manual time both move together
        long deadline = system.clock().nanoTime() + drainTimeout.toNanos();
        Cancellable[] check = new Cancellable[1];
        check[0] = system.scheduler().scheduleAtFixedRate(() -> {
            boolean quiet = !(routee instanceof ActorCell<?> cell) || cell.isQuiet() || cell.isStopped();
            if (quiet || system.clock().nanoTime() - deadline > 0) {
                check[0].cancel();
                drained.complete(null);
            }
        }, Duration.ofMillis(10).toNanos());
        String name = routee.address().name();
        return drained.thenCompose(ignored -> supervisor.stopChild(name)).exceptionally(error -> null);
    }

    /** Rebuilds the routees from the supervisor's live children, in index order. */
    synchronized void refresh() {
        List<ActorRef<M>> live = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            supervisor.<M>child(routeeName(i)).ifPresent(live::add);
        }
        routees = new Routees<>(live);
    }

    @Override
    void routeesChanged(Routees<M> seen) {
        if (routees == seen) {
            refresh();
        }
    }

    /** Stops the pool: its supervisor and every routee. */
    public void stop() {
        supervisor.stop();
    }

    /**
     * Builds a {@link PoolRouter}.
     *
     * @param <M> the message type
     */
    public static final class Builder<M> {
        private final String name;
        private final Supplier<? extends Actor<M>> factory;
        private int size = Runtime.getRuntime().availableProcessors();
        private RoutingStrategy<M> strategy = RoutingStrategy.roundRobin();
        private SpawnOptions options = SpawnOptions.defaults();
        private int maxRestarts = SupervisorSpec.DEFAULT_MAX_RESTARTS;
        private Duration period = SupervisorSpec.DEFAULT_PERIOD;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(5);

        Builder(String name, Supplier<? extends Actor<M>> factory) {
            ActorNames.validate(name);
            this.name = name;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * @param routees how many, at least 1 (default: the number of cores)
         * @return this builder
         */
        public Builder<M> size(int routees) {
            if (routees < 1) {
                throw new IllegalArgumentException("pool size must be at least 1, was " + routees);
            }
            this.size = routees;
            return this;
        }

        /**
         * @param routing the routing strategy (default round-robin)
         * @return this builder
         */
        public Builder<M> strategy(RoutingStrategy<M> routing) {
            this.strategy = Objects.requireNonNull(routing, "strategy");
            return this;
        }

        /**
         * @param spawnOptions mailbox and dispatcher of every routee
         * @return this builder
         */
        public Builder<M> options(SpawnOptions spawnOptions) {
            this.options = Objects.requireNonNull(spawnOptions, "options");
            return this;
        }

        /**
         * @param restarts restarts the pool's supervisor allows within {@code within}
         * @param within the intensity window
         * @return this builder
         */
        public Builder<M> intensity(int restarts, Duration within) {
            this.maxRestarts = restarts;
            this.period = Objects.requireNonNull(within, "within");
            return this;
        }

        /**
         * @param timeout how long a routee removed by a shrink may take to drain its mailbox, on the system's
         *                clock (a test's manual time, if it has one)
         * @return this builder
         */
        public Builder<M> drainTimeout(Duration timeout) {
            this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the pool's supervisor and waits until every routee has started.
         *
         * @param system the actor system
         * @return the router
         * @throws ActorInitializationException if the routees do not start within 30 s
         */
        public PoolRouter<M> start(ActorSystem system) {
            SupervisorSpec.Builder spec = SupervisorSpec.builder(name).strategy(SupervisionStrategy.ONE_FOR_ONE)
                    .intensity(maxRestarts, period);
            for (int i = 1; i <= size; i++) {
                spec.child(ChildSpec.actor(routeeName(i), factory).options(options));
            }
            Supervisor supervisor = system.supervise(spec.build());
            try {
                supervisor.whenStarted().get(startTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActorInitializationException("interrupted while pool " + name + " was starting", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                supervisor.stop();
                throw new ActorInitializationException("pool " + name + " did not start: " + e.getMessage(), e);
            }
            return new PoolRouter<>(system, supervisor, strategy, factory, options, drainTimeout, size);
        }
    }
}
