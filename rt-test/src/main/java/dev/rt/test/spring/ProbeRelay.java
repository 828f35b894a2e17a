package dev.rt.test.spring;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.test.TestProbe;

/** Runs in place of a probed actor: passes every message, with its sender, on to the probe. */
final class ProbeRelay implements Actor<Object> {

    private final TestProbe<Object> probe;

    ProbeRelay(TestProbe<Object> probe) {
        this.probe = probe;
    }

    @Override
    public void onMessage(Object message, ActorContext<Object> ctx) {
        probe.ref().tell(message, ctx.sender());
    }
}
