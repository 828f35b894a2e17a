package dev.rt.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.RuntimeListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** However many actors run, the number of meters and tag values stays fixed. */
class MeterCardinalityTests {

    private static final int ACTORS = 100_000;

    @Test
    void aHundredThousandActorsDoNotAddMeters() {
        Set<String> named = Set.of("/user/app/orders");
        MessageTimingListener timing = new MessageTimingListener(named);
        SupervisorRestartMetrics restarts = new SupervisorRestartMetrics(Map.of("app", "/user/app"),
                Map.of("/user/app", List.of("orders")));
        try (ActorSystem system = ActorSystem.builder("cardinality").sampleEvery(16)
                .listener(RuntimeListener.composite(List.of(timing, restarts))).shutdownTimeout(Duration.ofSeconds(60))
                .build()) {
            system.supervise(SupervisorSpec.builder("app")
                    .child(ChildSpec.actor("orders", () -> (Actor<Object>) (message, ctx) -> { })).build())
                    .whenStarted().join();
            MeterRegistry registry = new SimpleMeterRegistry();
            ActorSystemCensus census = new ActorSystemCensus(system, named, Duration.ZERO);
            new RtMeterBinder(system, census).bindTo(registry);
            timing.bindTo(registry);
            restarts.bindTo(registry);
            int metersBefore = registry.getMeters().size();

            Actor<Object> idle = (message, ctx) -> { };
            List<ActorRef<Object>> refs = new ArrayList<>(ACTORS);
            for (int i = 0; i < ACTORS; i++) {
                refs.add(system.spawn("a" + i, () -> idle));
            }
            for (ActorRef<Object> ref : refs) {
                ref.tell("hello");
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> system.stats().delivered() == ACTORS);

            assertThat(registry.getMeters()).hasSize(metersBefore);
            assertThat(registry.get("rt.actors").tag("state", "running").gauge().value())
                    .isEqualTo(ACTORS + 2.0); // the supervisor and its child too
            assertThat(registry.get("rt.messages.delivered").functionCounter().count()).isEqualTo(ACTORS);
            assertThat(tagValues(registry, "rt.message.processing", "actor"))
                    .containsExactlyInAnyOrder("/user/app/orders", "other");
            assertThat(registry.get("rt.message.processing").tag("actor", "other").timer().count()).isPositive();
            assertThat(tagValues(registry, "rt.mailbox.depth", "actor"))
                    .containsExactlyInAnyOrder("/user/app/orders", "other");
            assertThat(registry.getMeters()).hasSizeLessThan(40);
        }
    }

    private static Set<String> tagValues(MeterRegistry registry, String name, String tag) {
        return registry.find(name).meters().stream().map(Meter::getId).map(id -> id.getTag(tag))
                .collect(Collectors.toSet());
    }
}
