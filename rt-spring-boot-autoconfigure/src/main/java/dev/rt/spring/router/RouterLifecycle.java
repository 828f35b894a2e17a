package dev.rt.spring.router;

import dev.rt.Actor;
import dev.rt.ActorSystem;
import dev.rt.PoolRouter;
import dev.rt.RoutingStrategy;
import dev.rt.Routers;
import dev.rt.spring.RtStartupException;
import dev.rt.spring.actor.ActorSystemLifecycle;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the configured routers with the application context: each is an engine {@link PoolRouter}
 * whose routees run under a supervisor at {@code /user/<name>}, and the injected {@link RouterBeanRef}s
 * are pointed at them. Routers start right after the declared supervision trees and actor beans (so
 * routees may use actor beans) and before the web server takes traffic. Stopping is left to the actor
 * system's termination ({@link ActorSystemLifecycle}), which lets the routees drain their mailboxes.
 */
public final class RouterLifecycle implements SmartLifecycle {

    /** Just after {@link ActorSystemLifecycle#PHASE}: starts after the actor beans, stops before them. */
    public static final int PHASE = ActorSystemLifecycle.PHASE + 1;

    private final ActorSystem system;
    private final RouterTopology topology;
    private final RouterRefs refs;
    private volatile boolean running;

    /**
     * @param system the system to start the routers in
     * @param topology the routers
     * @param refs the injected refs to point at them
     */
    public RouterLifecycle(ActorSystem system, RouterTopology topology, RouterRefs refs) {
        this.system = Objects.requireNonNull(system, "system");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.refs = Objects.requireNonNull(refs, "refs");
    }

    @Override
    public void start() {
        for (RouterDefinition router : topology.routers()) {
            start(router);
        }
        running = true;
    }

    @SuppressWarnings("unchecked")
    private void start(RouterDefinition router) {
        Supplier<Actor<Object>> factory = (Supplier<Actor<Object>>) (Supplier<?>) router.factory();
        RoutingStrategy<Object> strategy = (RoutingStrategy<Object>) router.strategy();
        PoolRouter<Object> pool;
        try {
            pool = Routers.pool(router.name(), factory).size(router.poolSize()).strategy(strategy)
                    .options(router.options()).intensity(router.maxRestarts(), router.period()).start(system);
        } catch (RuntimeException e) {
            throw new RtStartupException("Router '" + router.name() + "' could not start its routees: "
                    + e.getMessage(), "Check the actor bean named by rt.routers." + router.name() + ".actor: its "
                    + "constructor, bean dependencies and preStart, and its dispatcher and mailbox in @RtActor.", e);
        }
        refs.<Object>ref(router.name()).bind(pool);
    }

    /** Marks the routers stopped; the actor system's termination drains and stops the routees. */
    @Override
    public void stop() {
        running = false;
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
