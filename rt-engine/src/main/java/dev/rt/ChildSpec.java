package dev.rt;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One child of a supervisor: an actor (name, factory, options) or a nested supervisor, with its restart
 * type and shutdown policy.
 *
 * <pre>{@code
 * ChildSpec.actor("db", Db::new).restart(RestartType.PERMANENT).shutdown(ShutdownPolicy.graceful(Duration.ofSeconds(5)))
 * }</pre>
 */
public final class ChildSpec {

    private final String name;
    private final Supplier<? extends Actor<?>> factory;
    private final SupervisorSpec supervisor;
    private final RestartType restart;
    private final ShutdownPolicy shutdown;
    private final SpawnOptions options;

    private ChildSpec(String name, Supplier<? extends Actor<?>> factory, SupervisorSpec supervisor,
                      RestartType restart, ShutdownPolicy shutdown, SpawnOptions options) {
        ActorNames.validate(name);
        this.name = name;
        this.factory = factory;
        this.supervisor = supervisor;
        this.restart = Objects.requireNonNull(restart, "restart");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * An actor child: permanent, stopped gracefully within 5 s, default options.
     *
     * @param name unique among the supervisor's children
     * @param factory makes a fresh instance on every (re)start
     * @param <M> the actor's message type
     * @return the spec
     */
    public static <M> ChildSpec actor(String name, Supplier<? extends Actor<M>> factory) {
        Objects.requireNonNull(factory, "factory");
        return new ChildSpec(name, factory, null, RestartType.PERMANENT,
                ShutdownPolicy.graceful(java.time.Duration.ofSeconds(5)), SpawnOptions.defaults());
    }

    /**
     * A nested supervisor child: permanent; its children stop first, each by its own policy.
     *
     * @param spec the nested supervisor; its name is the child's name
     * @return the spec
     */
    public static ChildSpec supervisor(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new ChildSpec(spec.name(), null, spec, RestartType.PERMANENT,
                ShutdownPolicy.graceful(java.time.Duration.ofSeconds(30)), SpawnOptions.defaults());
    }

    /**
     * @param type when to restart the child
     * @return a copy with that restart type
     */
    public ChildSpec restart(RestartType type) {
        return new ChildSpec(name, factory, supervisor, type, shutdown, options);
    }

    /**
     * @param policy how to stop the child
     * @return a copy with that policy
     */
    public ChildSpec shutdown(ShutdownPolicy policy) {
        return new ChildSpec(name, factory, supervisor, restart, policy, options);
    }

    /**
     * @param spawnOptions mailbox and dispatcher of an actor child
     * @return a copy with those options
     */
    public ChildSpec options(SpawnOptions spawnOptions) {
        return new ChildSpec(name, factory, supervisor, restart, shutdown, spawnOptions);
    }

    /** @return the child's name */
    public String name() {
        return name;
    }

    /** @return the restart type */
    public RestartType restartType() {
        return restart;
    }

    /** @return the shutdown policy */
    public ShutdownPolicy shutdownPolicy() {
        return shutdown;
    }

    /** @return the spawn options */
    public SpawnOptions spawnOptions() {
        return options;
    }

    /** @return whether the child is a nested supervisor */
    public boolean isSupervisor() {
        return supervisor != null;
    }

    /** @return the nested supervisor's spec, or {@code null} for an actor child */
    public SupervisorSpec supervisorSpec() {
        return supervisor;
    }

    Supplier<? extends Actor<?>> factory() {
        return factory;
    }

    @Override
    public String toString() {
        return "ChildSpec[" + name + ", " + restart + (supervisor != null ? ", supervisor" : "") + "]";
    }
}
