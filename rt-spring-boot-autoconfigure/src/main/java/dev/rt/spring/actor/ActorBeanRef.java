package dev.rt.spring.actor;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.spring.ForwardingActorRef;
import dev.rt.ActorSystem;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ActorRef} injected for an actor bean. It is created before the actor runs (beans are wired
 * before the context starts) and follows the actor at its path: when a supervisor replaces the actor
 * with a new incarnation (for example after restarting the nested supervisor above it), the ref sends
 * to the new one. Between two incarnations, messages go to the old one and become dead letters, as they
 * would with a plain ref.
 *
 * <p>Using it before the application context has started throws {@link IllegalStateException}. To watch
 * the actor or compare it with {@code ctx.sender()}, use {@link #current()}: the engine's own ref.
 *
 * @param <M> the actor's message type
 */
public final class ActorBeanRef<M> extends ForwardingActorRef<M> {

    private static final VarHandle TARGET;
    private static final VarHandle STOPS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TARGET = lookup.findVarHandle(ActorBeanRef.class, "target", ActorRef.class);
            STOPS = lookup.findVarHandle(ActorBeanRef.class, "stops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String actorName;
    private volatile ActorSystem system;
    private volatile String path;
    /** The live incarnation, or {@code null} when it must be looked up. */
    private volatile ActorRef<M> target;
    /** The last incarnation found, used while no incarnation lives. */
    private volatile ActorRef<M> last;
    /** Counts stop events of incarnations at the path; a lookup racing with one does not cache. */
    private volatile long stops;

    ActorBeanRef(String actorName) {
        this.actorName = Objects.requireNonNull(actorName, "actorName");
    }

    void attach(ActorSystem actorSystem, String actorPath) {
        this.path = actorPath;
        this.target = null;
        this.system = actorSystem;
    }

    /** An incarnation at the path stopped: forget it if it is the cached one. */
    void stopped(ActorAddress address) {
        STOPS.getAndAdd(this, 1L);
        ActorRef<M> cached = target;
        if (cached != null && cached.address().uid() == address.uid()) {
            TARGET.compareAndSet(this, cached, null);
        }
    }

    /** @return the actor's name */
    public String actorName() {
        return actorName;
    }

    /**
     * @return the engine's ref of the live incarnation (or of the last one while none lives)
     * @throws IllegalStateException before the application context has started the actor
     */
    public ActorRef<M> current() {
        ActorRef<M> cached = target;
        return cached != null ? cached : resolve();
    }

    private ActorRef<M> resolve() {
        ActorSystem actorSystem = system;
        if (actorSystem == null) {
            throw new IllegalStateException("actor '" + actorName + "' is not running yet: rt starts actor beans when "
                    + "the application context starts; send to it from then on (for example from an "
                    + "ApplicationRunner or a request handler), not while beans are being created");
        }
        long stopsBefore = stops;
        Optional<ActorRef<M>> found = actorSystem.lookup(path);
        if (found.isEmpty()) {
            ActorRef<M> previous = last;
            if (previous == null) {
                throw new IllegalStateException("no actor lives at " + path + " for actor bean '" + actorName + "'");
            }
            return previous;
        }
        ActorRef<M> live = found.get();
        last = live;
        if (TARGET.compareAndSet(this, null, live) && stops != stopsBefore) {
            TARGET.compareAndSet(this, live, null); // it may have stopped meanwhile: look again next time
        }
        return live;
    }

    @Override
    protected ActorRef<M> target() {
        return current();
    }

    @Override
    public String toString() {
        String at = path;
        return "ActorBeanRef[" + actorName + (at == null ? ", not started" : " -> " + at) + "]";
    }
}
