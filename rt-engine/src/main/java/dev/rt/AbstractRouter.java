package dev.rt;

import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Routing on the caller's thread, shared by group and pool routers. */
abstract class AbstractRouter<M> implements Router<M> {

    private static final int ATTEMPTS = 4;

    final ActorSystem system;
    private final ActorAddress address;
    private final RoutingStrategy<M> strategy;
    volatile Routees<M> routees;

    AbstractRouter(ActorSystem system, ActorAddress address, RoutingStrategy<M> strategy, Routees<M> initial) {
        this.system = system;
        this.address = address;
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.routees = initial;
    }

    /**
     * The routees changed under the router (a selected one had stopped).
     *
     * @param seen the snapshot in which a stopped routee was found
     */
    abstract void routeesChanged(Routees<M> seen);

    @Override
    public Routees<M> routees() {
        return routees;
    }

    @Override
    public ActorAddress address() {
        return address;
    }

    @Override
    public void tell(M message) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to router " + address.path() + ")");
        }
        // The common case kept small enough to inline: one live routee chosen, one tell. Every other
        // case (no routees, broadcast, a stopped routee) takes the general path.
        Routees<M> current = routees;
        if (current.size() != 0) {
            int index = strategy.select(message, current);
            if (index != RoutingStrategy.BROADCAST) {
                ActorRef<M> routee = current.get(index);
                if (!isStopped(routee)) {
                    routee.tell(message);
                    return;
                }
                routeesChanged(current);
            }
        }
        route(message, null, null, null);
    }

    @Override
    public void tell(M message, ActorRef<?> sender) {
        route(message, sender, null, null);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
        Objects.requireNonNull(timeToLive, "timeToLive");
        route(message, sender, timeToLive, null);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        Objects.requireNonNull(guarantee, "guarantee");
        route(message, sender, null, guarantee);
    }

    @Override
    public OfferResult offer(M message) {
        Objects.requireNonNull(message, "message must not be null");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Routees<M> current = routees;
            if (current.size() == 0) {
                return OfferResult.DEAD;
            }
            int index = strategy.select(message, current);
            if (index == RoutingStrategy.BROADCAST) {
                OfferResult best = OfferResult.DEAD;
                for (int i = 0; i < current.size(); i++) {
                    OfferResult result = current.get(i).offer(message);
                    if (result == OfferResult.ACCEPTED || (result == OfferResult.FULL && best == OfferResult.DEAD)) {
                        best = result;
                    }
                }
                return best;
            }
            ActorRef<M> routee = current.get(index);
            if (!isStopped(routee)) {
                return routee.offer(message);
            }
            routeesChanged(current);
        }
        return OfferResult.DEAD;
    }

    private void route(M message, ActorRef<?> sender, Duration timeToLive, DeliveryGuarantee guarantee) {
        if (message == null) {
            throw new NullPointerException("message must not be null (to router " + address.path() + ")");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Routees<M> current = routees;
            if (current.size() == 0) {
                break;
            }
            int index = strategy.select(message, current);
            if (index == RoutingStrategy.BROADCAST) {
                broadcast(current, message, sender, timeToLive, guarantee);
                return;
            }
            ActorRef<M> routee = current.get(index);
            if (!isStopped(routee)) {
                send(routee, message, sender, timeToLive, guarantee);
                return;
            }
            routeesChanged(current);
        }
        system.deadLetters().publish(message, sender, address, DeadLetterReason.NO_SUCH_ACTOR,
                "router " + address.path() + " has no live routee");
    }

    private void broadcast(Routees<M> current, M message, ActorRef<?> sender, Duration timeToLive,
                           DeliveryGuarantee guarantee) {
        boolean pruned = false;
        int sent = 0;
        for (int i = 0; i < current.size(); i++) {
            ActorRef<M> routee = current.get(i);
            if (isStopped(routee)) {
                pruned = true;
                continue;
            }
            send(routee, message, sender, timeToLive, guarantee);
            sent++;
        }
        if (pruned) {
            routeesChanged(current);
        }
        if (sent == 0) {
            system.deadLetters().publish(message, sender, address, DeadLetterReason.NO_SUCH_ACTOR,
                    "router " + address.path() + " has no live routee");
        }
    }

    private static <M> void send(ActorRef<M> routee, M message, ActorRef<?> sender, Duration timeToLive,
                                 DeliveryGuarantee guarantee) {
        if (guarantee != null) {
            routee.tell(message, sender, guarantee);
        } else if (timeToLive != null) {
            routee.tell(message, sender, timeToLive);
        } else {
            routee.tell(message, sender);
        }
    }

    static boolean isStopped(ActorRef<?> ref) {
        return ref instanceof ActorCell<?> cell && cell.isStopped();
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return AskPromise.ask(system, this, request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
        return ask(request, system.askTimeout());
    }

    @Override
    public String toString() {
        return "Router[" + address.path() + ", " + routees.size() + " routees]";
    }
}
