package dev.rt.spring.metrics;

import dev.rt.ActorNode;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.monitor.DeliveryStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Counts what the meters report by walking the actor system at most once per {@code maxAge}: delivery
 * totals, actors by state and the mailbox depth of the named actors and pools. A pool (a router's
 * supervisor) is reported under its own path with the summed depth of its routees, so the number of
 * series does not grow with the pool. A scrape reads many meters; they share one walk. Totals never go down between two walks (an actor that stops moves its counts to the
 * system's totals, which a concurrent walk could miss for a moment).
 */
public final class ActorSystemCensus {

    private final ActorSystem system;
    private final Set<String> namedActors;
    private final Set<String> pools;
    private final Set<String> reported;
    private final long maxAgeNanos;
    private volatile Snapshot last;

    /**
     * @param system the system to count
     * @param namedActors paths of the actors whose mailbox depth is reported by name
     * @param maxAge how long a count is reused
     */
    public ActorSystemCensus(ActorSystem system, Set<String> namedActors, Duration maxAge) {
        this(system, namedActors, Set.of(), maxAge);
    }

    /**
     * @param system the system to count
     * @param namedActors paths of the actors whose mailbox depth is reported by name
     * @param pools paths of supervisors whose children (routees) are reported together under that path
     * @param maxAge how long a count is reused
     */
    public ActorSystemCensus(ActorSystem system, Set<String> namedActors, Set<String> pools, Duration maxAge) {
        this.system = Objects.requireNonNull(system, "system");
        this.namedActors = Set.copyOf(namedActors);
        this.pools = Set.copyOf(pools);
        Set<String> all = new java.util.HashSet<>(this.namedActors);
        all.addAll(this.pools);
        this.reported = Set.copyOf(all);
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** @return the paths reported by name: named actors and pools */
    public Set<String> namedActors() {
        return reported;
    }

    /** @return a count at most {@code maxAge} old */
    public Snapshot current() {
        Snapshot snapshot = last;
        if (snapshot != null && System.nanoTime() - snapshot.takenAtNanos < maxAgeNanos) {
            return snapshot;
        }
        synchronized (this) {
            snapshot = last;
            if (snapshot != null && System.nanoTime() - snapshot.takenAtNanos < maxAgeNanos) {
                return snapshot;
            }
            snapshot = count(snapshot);
            last = snapshot;
            return snapshot;
        }
    }

    private Snapshot count(Snapshot previous) {
        DeliveryStats totals = system.stats();
        if (previous != null) {
            DeliveryStats before = previous.totals;
            totals = new DeliveryStats(Math.max(totals.sent(), before.sent()),
                    Math.max(totals.delivered(), before.delivered()), Math.max(totals.failed(), before.failed()),
                    Math.max(totals.deadLettered(), before.deadLettered()),
                    Math.max(totals.dropped(), before.dropped()),
                    Math.max(totals.redelivered(), before.redelivered()), totals.mailboxDepth(),
                    totals.highWaterMark());
        }
        Map<ActorNode.State, Long> states = new EnumMap<>(ActorNode.State.class);
        for (ActorNode.State state : ActorNode.State.values()) {
            states.put(state, 0L);
        }
        Map<String, Long> depths = new HashMap<>();
        for (ActorNode child : system.tree().children()) {
            countStates(child, states, depths);
        }
        long named = 0;
        for (String pool : pools) {
            named += depths.computeIfAbsent(pool, p -> 0L);
        }
        for (String path : namedActors) {
            Optional<ActorRef<Object>> ref = system.lookup(path);
            long depth = ref.isPresent() ? system.stats(ref.get()).mailboxDepth() : 0;
            depths.put(path, depth);
            named += depth;
        }
        long otherDepth = Math.max(0, totals.mailboxDepth() - named);
        return new Snapshot(totals, Map.copyOf(states), Map.copyOf(depths), otherDepth, System.nanoTime());
    }

    private void countStates(ActorNode node, Map<ActorNode.State, Long> states, Map<String, Long> poolDepths) {
        states.merge(node.state(), 1L, Long::sum);
        boolean pool = !pools.isEmpty() && pools.contains(node.path());
        long pooled = 0;
        for (ActorNode child : node.children()) {
            countStates(child, states, poolDepths);
            if (pool) {
                pooled += child.stats().mailboxDepth();
            }
        }
        if (pool) {
            poolDepths.put(node.path(), pooled);
        }
    }

    /**
     * One count.
     *
     * @param totals delivery counters of the whole system
     * @param actorsByState live actors by state, supervisors included
     * @param namedDepths mailbox depth of each named actor, by path
     * @param otherDepth mailbox depth of all other actors together
     * @param takenAtNanos when it was taken ({@link System#nanoTime()})
     */
    public record Snapshot(DeliveryStats totals, Map<ActorNode.State, Long> actorsByState,
                           Map<String, Long> namedDepths, long otherDepth, long takenAtNanos) {
    }
}
