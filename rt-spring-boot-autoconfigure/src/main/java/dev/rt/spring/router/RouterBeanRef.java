package dev.rt.spring.router;

import dev.rt.ActorRef;
import dev.rt.spring.ForwardingActorRef;
import dev.rt.PoolRouter;
import dev.rt.Router;
import dev.rt.Routees;
import java.util.Objects;

/**
 * The ref injected for a router configured under {@code rt.routers.<name>}, as {@code ActorRef<M>},
 * {@code Router<M>} or {@code RouterBeanRef<M>}, by generic type or with {@code @Qualifier("<name>")}. It
 * exists before the router runs (beans are wired before the context starts) and forwards to the
 * engine's {@link PoolRouter} once the context has started it; routing happens on the sender's thread,
 * as with the engine's router. Routees that restart stay behind the same router.
 *
 * <p>Using it before the application context has started throws {@link IllegalStateException}. To resize
 * the pool, use {@link #pool()}.
 *
 * @param <M> the routees' message type
 */
public final class RouterBeanRef<M> extends ForwardingActorRef<M> implements Router<M> {

    private final String routerName;
    private volatile PoolRouter<M> pool;

    RouterBeanRef(String routerName) {
        this.routerName = Objects.requireNonNull(routerName, "routerName");
    }

    void bind(PoolRouter<M> started) {
        this.pool = Objects.requireNonNull(started, "started");
    }

    /** @return the router's name */
    public String routerName() {
        return routerName;
    }

    /** @return whether the router has been started */
    public boolean isStarted() {
        return pool != null;
    }

    /**
     * @return the engine's pool router
     * @throws IllegalStateException before the application context has started the router
     */
    public PoolRouter<M> pool() {
        PoolRouter<M> started = pool;
        if (started == null) {
            throw new IllegalStateException("router '" + routerName + "' is not running yet: rt starts routers when "
                    + "the application context starts; send to it from then on (for example from an "
                    + "ApplicationRunner or a request handler), not while beans are being created");
        }
        return started;
    }

    @Override
    public Routees<M> routees() {
        return pool().routees();
    }

    @Override
    protected ActorRef<M> target() {
        return pool();
    }

    @Override
    public String toString() {
        PoolRouter<M> started = pool;
        return "RouterBeanRef[" + routerName + (started == null ? ", not started" : " -> " + started) + "]";
    }
}
