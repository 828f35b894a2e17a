package dev.rt.tests;

import static dev.rt.tests.TestSupport.call;
import static dev.rt.tests.TestSupport.eventually;
import static dev.rt.tests.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.FailureAction;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.DeadLetterProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Outcome;
import dev.rt.tests.TestSupport.Recorder;
import dev.rt.tests.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TimerScheduler}. Absence of a tick is checked against a later "probe" timer: the scheduler (a
 * timing wheel on one thread) fires timers tick by tick in deadline order, so once a probe due several
 * ticks later has arrived, an earlier tick would have arrived too.
 */
@ActorTest
class TimersTest {

    private ActorTestKit kit;

    private ActorSystem system;
    private DeadLetterProbe deadLetters;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        deadLetters = kit.deadLetters();
    }

    private static long count(Recorder<Object> got, Object message) {
        return Collections.frequency(got.snapshot(), message);
    }

    @Test
    void aSingleTimerFiresOnce() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("single", () -> new ScriptActor(got) {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                got.add(message);
                if ("tick".equals(message)) {
                    got.add(ctx.timers().isTimerActive("once") ? "still active" : "inactive");
                    ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(100));
                }
            }
        });

        boolean active = call(ref, ctx -> {
            ctx.timers().startSingleTimer("once", "tick", Duration.ofMillis(20));
            return ctx.timers().isTimerActive("once");
        });

        assertThat(active).isTrue();
        assertThat(got.awaitSize(3)).containsExactly("tick", "inactive", "probe");
    }

    @Test
    void aFixedRateTimerFiresRepeatedlyUntilCancelled() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("rate", () -> new ScriptActor(got));
        call(ref, ctx -> {
            ctx.timers().startTimerAtFixedRate("rate", "tick", Duration.ofMillis(10));
            return null;
        });
        eventually().until(() -> count(got, "tick") >= 5);

        long ticksAtCancel = call(ref, ctx -> {
            ctx.timers().cancel("rate");
            assertThat(ctx.timers().isTimerActive("rate")).isFalse();
            ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(100));
            return count(got, "tick");
        });

        eventually().until(() -> got.snapshot().contains("probe"));
        assertThat(count(got, "tick")).as("no tick after cancel").isEqualTo(ticksAtCancel);
    }

    @Test
    void aFixedRateTimerFasterThanTheSchedulerTickStillFiresAboutOncePerTick() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("fast", () -> new ScriptActor(got));
        call(ref, ctx -> {
            // The wheel ticks every 10 ms: a 2 ms timer cannot fire more often than each tick, but should
            // fire at each tick, so ~50 times before a probe due 500 ms later.
            ctx.timers().startTimerAtFixedRate("fast", "tick", Duration.ofMillis(2));
            ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(500));
            return null;
        });

        eventually().until(() -> got.snapshot().contains("probe"));
        long ticksBeforeProbe = got.snapshot().indexOf("probe");
        assertThat(ticksBeforeProbe).as("ticks of the 2 ms timer before the 500 ms probe").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aCancelledTimerNeverDelivers() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("cancel", () -> new ScriptActor(got));
        call(ref, ctx -> {
            ctx.timers().startSingleTimer("t", "tick", Duration.ofMillis(50));
            ctx.timers().cancel("t");
            ctx.timers().cancel("never-started");
            ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(200));
            return null;
        });

        eventually().until(() -> got.snapshot().contains("probe"));
        assertThat(got.snapshot()).containsExactly("probe");
    }

    @Test
    void cancellingDiscardsATickThatIsAlreadyQueued() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("queued", () -> new ScriptActor(got));

        call(ref, ctx -> {
            ctx.timers().startSingleTimer("t", "tick", Duration.ofMillis(1));
            // Wait on the actor's own thread until the tick sits in its mailbox, then cancel.
            Awaitility.await().pollInSameThread().atMost(TestSupport.LONG).pollInterval(Duration.ofMillis(1))
                    .until(() -> ctx.system().stats(ctx.self()).mailboxDepth() >= 1);
            ctx.timers().cancel("t");
            return null;
        });
        boolean active = call(ref, ctx -> ctx.timers().isTimerActive("t"));

        assertThat(active).isFalse();
        assertThat(got.snapshot()).doesNotContain("tick");
        assertThat(deadLetters.all()).as("a discarded tick is not a dead letter").isEmpty();
        // sent counts the two requests only: the discarded tick is neither sent nor dead-lettered
        eventually().untilAsserted(() -> {
            var stats = system.stats(ref);
            assertThat(stats.delivered()).isEqualTo(2);
            assertThat(stats.sent()).isEqualTo(stats.delivered() + stats.deadLettered()).isEqualTo(2);
        });
    }

    @Test
    void startingATimerWithAKeyInUseReplacesIt() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("replace", () -> new ScriptActor(got) {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                got.add(message);
                if ("second".equals(message)) {
                    ctx.timers().startTimerAtFixedRate("k", "rate", Duration.ofMillis(10));
                    ctx.timers().startSingleTimer("k", "single", Duration.ofMillis(50));
                } else if ("single".equals(message)) {
                    ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(100));
                }
            }
        });

        call(ref, ctx -> {
            ctx.timers().startSingleTimer("k", "first", Duration.ofMillis(50));
            ctx.timers().startSingleTimer("k", "second", Duration.ofMillis(100));
            return null;
        });

        assertThat(got.awaitSize(3)).containsExactly("second", "single", "probe");
    }

    @Test
    void timersAreCancelledWhenTheActorStops() {
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("stopping", () -> new ScriptActor(got) {
            @Override
            public void preStart(ActorContext<Object> ctx) {
                ctx.timers().startTimerAtFixedRate("rate", "tick", Duration.ofMillis(10));
            }
        });
        eventually().until(() -> count(got, "tick") >= 3);

        system.stop(ref);
        eventually().until(() -> system.lookup("/user/stopping").isEmpty());

        Recorder<Object> probeTicks = new Recorder<>();
        system.spawn("probe", () -> new ScriptActor(probeTicks) {
            @Override
            public void preStart(ActorContext<Object> ctx) {
                ctx.timers().startTimerAtFixedRate("probe", "probe", Duration.ofMillis(10));
            }
        });
        probeTicks.awaitSize(10);

        // At most one tick can have been on its way when the timer was cancelled; a live timer would
        // have produced a STOPPED dead letter for each of the ~10 periods since.
        assertThat(deadLetters.matching(letter -> letter.reason() == DeadLetterReason.STOPPED
                && "tick".equals(letter.message()))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void timersAreCancelledWhenTheActorRestarts() {
        AtomicInteger instances = new AtomicInteger();
        Recorder<Object> got = new Recorder<>();
        ActorRef<Object> ref = system.spawn("restarting", () -> {
            int id = instances.incrementAndGet();
            return new ScriptActor(got) {
                @Override
                void handle(Object message, ActorContext<Object> ctx) {
                    if ("boom".equals(message)) {
                        throw new IllegalStateException("boom");
                    }
                    got.add(message + "#" + id);
                }

                @Override
                public FailureAction onFailure(Throwable error, Object message) {
                    return FailureAction.RESTART;
                }
            };
        });
        call(ref, ctx -> {
            ctx.timers().startTimerAtFixedRate("rate", "tick", Duration.ofMillis(10));
            return null;
        });
        eventually().until(() -> count(got, "tick#1") >= 2);

        ref.tell("boom");
        eventually().until(() -> instances.get() == 2);
        Outcome active = run(ref, ctx -> ctx.timers().isTimerActive("rate"));
        assertThat(active.value()).isEqualTo(false);
        call(ref, ctx -> {
            ctx.timers().startSingleTimer("probe", "probe", Duration.ofMillis(100));
            return null;
        });

        eventually().until(() -> got.snapshot().contains("probe#2"));
        assertThat(count(got, "tick#2")).as("ticks reaching the new instance").isZero();
        kit.deadLetters().expect(DeadLetterReason.FAILED, "boom");
    }

    @Test
    void invalidTimerArgumentsAreRejected() {
        ActorRef<Object> ref = system.spawn("invalid", ScriptActor::new);

        assertThat(run(ref, ctx -> {
            ctx.timers().startSingleTimer("k", "m", Duration.ZERO);
            return null;
        }).error()).isInstanceOf(IllegalArgumentException.class);
        assertThat(run(ref, ctx -> {
            ctx.timers().startTimerAtFixedRate("k", "m", Duration.ofMillis(-5));
            return null;
        }).error()).isInstanceOf(IllegalArgumentException.class);
        assertThat(run(ref, ctx -> {
            ctx.timers().startSingleTimer(null, "m", Duration.ofMillis(5));
            return null;
        }).error()).isInstanceOf(NullPointerException.class);
        assertThat(run(ref, ctx -> {
            ctx.timers().startSingleTimer("k", null, Duration.ofMillis(5));
            return null;
        }).error()).isInstanceOf(NullPointerException.class);
        assertThat(TestSupport.<Boolean>call(ref, ctx -> ctx.timers().isTimerActive("k"))).isFalse();
    }
}
