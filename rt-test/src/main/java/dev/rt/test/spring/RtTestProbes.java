package dev.rt.test.spring;

import dev.rt.test.ActorTestKit;
import dev.rt.test.TestProbe;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The probes of a test context, one per probed actor name, made when first needed. */
public final class RtTestProbes {

    private final Set<String> names;
    private final ActorTestKit kit;
    private final Map<String, TestProbe<?>> probes = new ConcurrentHashMap<>();

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

    /** Drops what the probes received before the next test: a cached context serves many tests. */
    void clear() {
        probes.values().forEach(TestProbe::receiveAll);
    }
}
