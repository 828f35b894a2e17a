package dev.rt;

import static dev.rt.TestSupport.call;
import static dev.rt.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.MailboxConfig.Backpressure;
import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.ScriptActor;
import dev.rt.monitor.DeliveryStats;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DeliveryStats} per actor and for the whole system. */
class StatsTest {

    private final Gate gate = new Gate();
    private ActorSystem system;

    @BeforeEach
    void setUp() {
        system = ActorSystem.builder(TestSupport.uniqueName("stats"))
                .dispatcher("single", DispatcherConfig.workStealing(1))
                .build();
    }

    @AfterEach
    void tearDown() {
        gate.open();
        system.terminate(Duration.ofSeconds(10));
    }

    /** Throws on "boom" and resumes. */
    static final class Resuming extends ScriptActor {
        @Override
        void handle(Object message, ActorContext<Object> ctx) {
            if ("boom".equals(message)) {
                throw new IllegalStateException("boom");
            }
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            return FailureAction.RESUME;
        }
    }

    @Test
    void perActorCountersAddUp() {
        ActorRef<Object> ref = system.spawn("counted", Resuming::new,
                SpawnOptions.defaults().withMailbox(MailboxConfig.bounded(4, Backpressure.DROP_NEWEST)));
        ref.tell(gate);
        gate.awaitEntered();
        long sentAt = System.nanoTime();
        Duration ttl = Duration.ofMillis(20);
        ref.tell("a");
        ref.tell("b");
        ref.tell("expires", null, ttl);
        ref.tell("boom");
        ref.tell("dropped");
        assertThat(system.stats(ref).mailboxDepth()).isEqualTo(4);
        eventually().until(() -> System.nanoTime() - sentAt > 2 * ttl.toNanos());
        gate.open();

        eventually().until(() -> {
            DeliveryStats s = system.stats(ref);
            return s.mailboxDepth() == 0 && s.delivered() + s.deadLettered() == s.sent();
        });
        DeliveryStats stats = system.stats(ref);
        assertThat(stats.sent()).as("gate, a, b, expires, boom, dropped").isEqualTo(6);
        assertThat(stats.delivered()).as("gate, a, b").isEqualTo(3);
        assertThat(stats.failed()).as("boom").isEqualTo(1);
        assertThat(stats.deadLettered()).as("expires, boom, dropped").isEqualTo(3);
        assertThat(stats.dropped()).as("dropped").isEqualTo(1);
        assertThat(stats.redelivered()).isZero();
        assertThat(stats.mailboxDepth()).isZero();
    }

    @Test
    void anOfferRefusedByAFullMailboxIsDroppedButNeitherSentNorDeadLettered() {
        ActorRef<Object> ref = system.spawn("offers", ScriptActor::new,
                SpawnOptions.defaults().withMailbox(MailboxConfig.bounded(1, Backpressure.FAIL)));
        ref.tell(gate);
        gate.awaitEntered();
        ref.tell("a");
        assertThat(ref.offer("b")).isEqualTo(OfferResult.FULL);
        gate.open();

        eventually().until(() -> system.stats(ref).delivered() == 2);
        DeliveryStats stats = system.stats(ref);
        assertThat(stats.sent()).isEqualTo(2);
        assertThat(stats.dropped()).isEqualTo(1);
        assertThat(stats.deadLettered()).isZero();
    }

    @Test
    void theHighWaterMarkIsTheDeepestMailboxSeenWhenTheActorWasDispatched() {
        ActorRef<Object> blocker = system.spawn("blocker", ScriptActor::new,
                SpawnOptions.defaults().withDispatcher("single"));
        blocker.tell(gate);
        gate.awaitEntered();
        ActorRef<Object> ref = system.spawn("deep", ScriptActor::new, SpawnOptions.defaults().withDispatcher("single"));
        for (int i = 0; i < 10; i++) {
            ref.tell(i);
        }
        assertThat(system.stats(ref).mailboxDepth()).isEqualTo(10);
        gate.open();

        eventually().until(() -> system.stats(ref).delivered() == 10);
        assertThat(system.stats(ref).highWaterMark()).isEqualTo(10);
        assertThat(system.stats(ref).mailboxDepth()).isZero();
    }

    @Test
    void systemCountersSumLiveAndStoppedActors() {
        ActorRef<Object> parent = system.spawn("parent", ScriptActor::new);
        ActorRef<Object> a = call(parent, ctx -> ctx.spawn("a", ScriptActor::new));
        ActorRef<Object> b = system.spawn("b", ScriptActor::new);
        for (int i = 0; i < 3; i++) {
            a.tell(i);
        }
        b.tell("x");
        b.tell("y");
        // parent: 1 request handled so far; the next ones are counted by the eventually blocks below
        eventually().until(() -> system.stats(a).delivered() == 3 && system.stats(b).delivered() == 2);

        call(parent, ctx -> {
            ctx.stop(a);
            return null;
        });
        // The parent forgets a child only after the child has stopped and handed over its counters.
        eventually().until(() -> TestSupport.<Boolean>call(parent, ctx -> ctx.children().isEmpty()));
        DeliveryStats aStats = system.stats(a);
        assertThat(aStats.sent()).isEqualTo(3);
        assertThat(aStats.delivered()).isEqualTo(3);

        a.tell("late");

        eventually().untilAsserted(() -> {
            DeliveryStats total = system.stats();
            DeliveryStats parentStats = system.stats(parent);
            assertThat(total.sent()).isEqualTo(3 + 1 + 2 + parentStats.sent());
            assertThat(total.deadLettered()).isEqualTo(1);
            assertThat(total.delivered()).isEqualTo(3 + 2 + parentStats.delivered());
            assertThat(total.delivered() + total.deadLettered()).isEqualTo(total.sent());
        });
        assertThat(system.stats(a)).as("the last values of a stopped actor").isEqualTo(aStats);
    }

    @Test
    void refsThatAreNotActorsHaveNoCounters() {
        assertThat(system.stats(new TestSupport.Probe<>("probe"))).isEqualTo(DeliveryStats.EMPTY);
    }

    @Test
    void statsAddUp() {
        DeliveryStats one = new DeliveryStats(10, 7, 1, 3, 2, 0, 4, 9);
        DeliveryStats two = new DeliveryStats(5, 5, 0, 0, 0, 1, 1, 3);
        assertThat(one.plus(two)).isEqualTo(new DeliveryStats(15, 12, 1, 3, 2, 1, 5, 9));
        assertThat(DeliveryStats.EMPTY.plus(one)).isEqualTo(one);
    }
}
