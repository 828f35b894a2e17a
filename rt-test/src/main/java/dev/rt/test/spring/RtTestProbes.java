package dev.rt.test.spring;

import dev.rt.ActorRef;
import dev.rt.test.ActorTestKit;
import dev.rt.test.FishingOutcome;
import dev.rt.test.TestProbe;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The probes of a test context, one per probed actor name, made when first needed. */
public final class RtTestProbes {

    private static final AtomicLong BARRIERS = new AtomicLong();

    private final Set<String> names;
    private final ActorTestKit kit;
    private final Map<String, TestProbe<?>> probes = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<Object>> relays = new ConcurrentHashMap<>();

    RtTestProbes(Set<String> names, ActorTestKit kit) {
        this.names = Set.copyOf(names);
        this.kit = kit;
    }

    /**
     * @param actorName a probed actor's name
     * @param <M> its message type
     * @return its probe
     * @throws IllegalArgumentException if that actor is not probed
     */
    @SuppressWarnings("unchecked")
    public <M> TestProbe<M> probe(String actorName) {
        if (!names.contains(actorName)) {
            throw new IllegalArgumentException("actor '" + actorName + "' is not replaced by a probe; probed: "
                    + names + ". Name it in @RtTest(probes) or RtTestSetup.probes(...)");
        }
        return (TestProbe<M>) probes.computeIfAbsent(actorName, name -> kit.createSharedProbe(name));
    }

    /** The relay standing in for {@code actorName} started (again): barriers go through it. */
    void relayStarted(String actorName, ActorRef<Object> relay) {
        relays.put(actorName, relay);
    }

    /**
     * Drops what the probes received before the next test: a cached context serves many tests. Draining
     * the probe is not enough, because messages of the last test may still sit in a relay's mailbox; so
     * a barrier is sent through each relay and everything the probe gets up to it is dropped (a relay
     * keeps its mailbox's order), then whatever else has arrived.
     *
     * @throws IllegalStateException if a barrier does not come through within the expect timeout
     */
    void clear() {
        for (Map.Entry<String, TestProbe<?>> entry : probes.entrySet()) {
            @SuppressWarnings("unchecked")
            TestProbe<Object> probe = (TestProbe<Object>) entry.getValue();
            ActorRef<Object> relay = relays.get(entry.getKey());
            if (relay != null) {
                dropUpToBarrier(entry.getKey(), relay, probe);
            }
            probe.receiveAll();
        }
    }

    private void dropUpToBarrier(String actorName, ActorRef<Object> relay, TestProbe<Object> probe) {
        Barrier barrier = new Barrier(actorName, BARRIERS.incrementAndGet());
        relay.tell(barrier);
        try {
            probe.fishForMessage(kit.settings().expectTimeout(), message -> message.equals(barrier)
                    ? FishingOutcome.complete() : FishingOutcome.ignore());
        } catch (AssertionError e) {
            throw new IllegalStateException("the relay for probed actor '" + actorName + "' did not pass a barrier "
                    + "on within " + kit.settings().expectTimeout().toMillis() + " ms, so messages of the last test "
                    + "may still reach the probe", e);
        }
    }

    /** Sent through a relay between tests; everything before it belongs to the last test. */
    private record Barrier(String actorName, long number) {
    }
}
