package dev.rt.test.spring;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.test.TestProbe;

/**
 * Runs in place of a probed actor: passes every message, with its sender, on to the probe. It makes
 * itself known to {@link RtTestProbes} so that, between tests, a barrier can be sent through it.
 */
final class ProbeRelay implements Actor<Object> {

    private final RtTestProbes probes;
    private final String name;
    private final TestProbe<Object> probe;

    ProbeRelay(RtTestProbes probes, String name) {
        this.probes = probes;
        this.name = name;
        this.probe = probes.probe(name);
    }

    @Override
    public void preStart(ActorContext<Object> ctx) {
        probes.relayStarted(name, ctx.self());
    }

    @Override
    public void onMessage(Object message, ActorContext<Object> ctx) {
        probe.ref().tell(message, ctx.sender());
    }
}
