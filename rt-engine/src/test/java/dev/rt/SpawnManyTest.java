package dev.rt;

import static dev.rt.TestSupport.awaitNoRuntimeThreads;
import static dev.rt.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.monitor.DeliveryStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** 100,000 actors spawn, handle a message each and stop cleanly. */
class SpawnManyTest {

    private static final int ACTORS = 100_000;

    static final class One implements Actor<Object> {
        private final LongAdder started;
        private final LongAdder handled;
        private final LongAdder stopped;

        One(LongAdder started, LongAdder handled, LongAdder stopped) {
            this.started = started;
            this.handled = handled;
            this.stopped = stopped;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            started.increment();
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            handled.increment();
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            stopped.increment();
        }
    }

    @Test
    void oneHundredThousandActorsSpawnHandleAMessageAndStop() {
        String name = TestSupport.uniqueName("many");
        LongAdder started = new LongAdder();
        LongAdder handled = new LongAdder();
        LongAdder stopped = new LongAdder();
        try (ActorSystem system = ActorSystem.builder(name).shutdownTimeout(Duration.ofSeconds(20)).build()) {
            List<ActorRef<Object>> refs = new ArrayList<>(ACTORS);
            for (int i = 0; i < ACTORS; i++) {
                refs.add(system.spawn("a-" + i, () -> new One(started, handled, stopped)));
            }
            for (ActorRef<Object> ref : refs) {
                ref.tell("hello");
            }
            eventually().until(() -> handled.sum() == ACTORS);
            assertThat(started.sum()).isEqualTo(ACTORS);
            eventually().untilAsserted(() -> {
                DeliveryStats stats = system.stats();
                assertThat(stats.sent()).isEqualTo(ACTORS);
                assertThat(stats.delivered()).isEqualTo(ACTORS);
            });

            for (ActorRef<Object> ref : refs) {
                system.stop(ref);
            }
            eventually().until(() -> stopped.sum() == ACTORS);
            eventually().until(() -> system.lookup("/user/a-0").isEmpty()
                    && system.lookup("/user/a-" + (ACTORS - 1)).isEmpty());

            DeliveryStats stats = system.stats();
            assertThat(stats.sent()).isEqualTo(ACTORS);
            assertThat(stats.delivered()).isEqualTo(ACTORS);
            assertThat(stats.failed()).isZero();
            assertThat(stats.deadLettered()).isZero();
            assertThat(stats.mailboxDepth()).isZero();
            assertThat(system.deadLetters().total()).isZero();
            assertThat(handled.sum()).as("each actor handled exactly one message").isEqualTo(ACTORS);

            assertThat(system.terminate(Duration.ofSeconds(20))).isTrue();
        }
        awaitNoRuntimeThreads(name);
        assertThat(stopped.sum()).isEqualTo(ACTORS);
    }
}
