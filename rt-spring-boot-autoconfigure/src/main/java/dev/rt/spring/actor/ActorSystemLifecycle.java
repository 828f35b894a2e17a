package dev.rt.spring.actor;

import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSpec;
import dev.rt.spring.RtStartupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the declared actors with the application context and terminates the system with it.
 *
 * <p>Start: points the injected refs at their paths, starts every top-level supervision tree and actor
 * bean, and waits (up to the startup timeout) until all of them are up; a tree that cannot start fails
 * the startup with the supervisor's last failure. Stop: terminates the system, letting queued messages
 * drain within the shutdown timeout.
 *
 * <p>The {@link #PHASE phase} starts actors before the web server takes traffic and stops them after it
 * has stopped (graceful web shutdown runs in a higher phase), while data sources and other plain beans
 * are still there: they are destroyed only after every lifecycle bean has stopped.
 */
public final class ActorSystemLifecycle implements SmartLifecycle {

    /** Below the web server's phases ({@code DEFAULT_PHASE - 1024} and {@code - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final ActorSystem system;
    private final ActorTopology topology;
    private final ActorRefs refs;
    private final Duration startupTimeout;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    /**
     * @param system the system to start actors in and to terminate
     * @param topology what to start
     * @param refs the injected refs to point at the actors
     * @param startupTimeout how long to wait for the trees to start
     * @param shutdownTimeout how long termination may take
     */
    public ActorSystemLifecycle(ActorSystem system, ActorTopology topology, ActorRefs refs,
                                Duration startupTimeout, Duration shutdownTimeout) {
        this.system = Objects.requireNonNull(system, "system");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.refs = Objects.requireNonNull(refs, "refs");
        this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    @Override
    public void start() {
        ActorTopology declared = topology;
        refs.attach(system, declared.actorPaths());
        List<Supervisor> started = new ArrayList<>();
        for (SupervisorSpec spec : declared.supervisors()) {
            started.add(system.supervise(spec));
        }
        for (ActorTopology.TopLevelActor actor : declared.actors()) {
            spawn(actor);
        }
        awaitStarted(started);
        running = true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void spawn(ActorTopology.TopLevelActor actor) {
        try {
            system.spawn(actor.name(), (Supplier) actor.factory(), actor.options());
        } catch (RuntimeException e) {
            throw new RtStartupException("Actor bean '" + actor.name() + "' could not start: " + e.getMessage(),
                    "Check the actor's constructor, dependencies and preStart, and its dispatcher and mailbox "
                            + "in @RtActor.", e);
        }
    }

    private void awaitStarted(List<Supervisor> supervisors) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        for (Supervisor supervisor : supervisors) {
            CompletableFuture<Supervisor> whenStarted = supervisor.whenStarted();
            try {
                whenStarted.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw notStarted(supervisor, "it gave up", e.getCause());
            } catch (TimeoutException e) {
                throw notStarted(supervisor, "it did not start within " + startupTimeout.toMillis() + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notStarted(supervisor, "startup was interrupted", e);
            }
        }
    }

    private RtStartupException notStarted(Supervisor supervisor, String why, Throwable cause) {
        SupervisorSnapshot snapshot = supervisor.snapshot();
        SupervisorSnapshot.Failure failure = snapshot.lastFailure();
        for (Supervisor nested : system.supervisors()) {
            SupervisorSnapshot.Failure nestedFailure = nested.snapshot().lastFailure();
            if (nested.path().startsWith(supervisor.path() + "/") && nestedFailure != null
                    && (failure == null || nestedFailure.time().isAfter(failure.time()))) {
                failure = nestedFailure;
            }
        }
        String detail = failure == null ? "" : "; last failure: child '" + failure.child() + "' threw "
                + failure.type() + (failure.message().isEmpty() ? "" : ": " + failure.message());
        return new RtStartupException("Supervisor " + supervisor.path() + " could not start its children: " + why
                + " (state " + snapshot.state() + ")" + detail,
                "Check the failing actor's constructor, bean dependencies and preStart. A supervisor gives up when "
                        + "its children fail more than its intensity allows (rt.supervisors.<name>.max-restarts "
                        + "within period); rt.startup.timeout bounds the wait.", cause);
    }

    @Override
    public void stop() {
        running = false;
        system.terminate(shutdownTimeout);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
