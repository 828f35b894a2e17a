package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childNames;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.Backoff;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exponential backoff between restarts, reset after a quiet period measured on the system's clock. */
@ActorTest(manualTime = true, allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionBackoffTest {

    private final Recorder recorder = new Recorder();
    private ActorTestKit kit;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
    }

    private Supervisor supervise(ActorSystem system, Backoff backoff) throws Exception {
        return started(system.supervise(SupervisorSpec.builder("sup")
                .intensity(100, Duration.ofMinutes(1))
                .backoff(backoff)
                .child(recorder.child("w"))
                .build()));
    }

    /** Fails the child, lets exactly its backoff delay pass and sees it restarted. */
    private void failAndAwaitRestart(Supervisor sup, ActorRef<Object> w, int expectedInstance) {
        w.tell("boom");
        Duration delay = kit.supervision().expectBackoff(w).delay();
        kit.time().advance(delay);
        kit.supervision().expectRestart(w);
        eventually().until(() -> recorder.created("w") == expectedInstance && sup.snapshot().state() == State.RUNNING);
    }

    private List<Long> delaysMillis() {
        return kit.events().events(RuntimeEvent.BackingOff.class).stream().map(e -> e.delay().toMillis()).toList();
    }

    @Test
    void delayDoublesUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 0, Duration.ofSeconds(1));
        assertThat(List.of(0, 1, 2, 3, 4, 5, 30, 1000)).map(n -> backoff.delay(n, 0.99).toMillis())
                .containsExactly(10L, 20L, 40L, 80L, 80L, 80L, 80L, 80L);
        Backoff jittered = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1));
        assertThat(jittered.delay(0, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(jittered.delay(0, 0.5)).isEqualTo(Duration.ofMillis(125));
        assertThat(jittered.delay(10, 0.999)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
    }

    @Test
    void backingOffDelaysGrowAndResetAfterAQuietPeriod(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 0, Duration.ofSeconds(1)));
        ActorRef<Object> w = child(sup, "w");

        for (int restart = 1; restart <= 5; restart++) {
            failAndAwaitRestart(sup, w, restart + 1);
            kit.time().advance(Duration.ofMillis(100)); // failures 100 ms apart: no reset
        }
        assertThat(delaysMillis()).containsExactly(10L, 20L, 40L, 80L, 80L);

        kit.time().advance(Duration.ofSeconds(1)); // quiet for resetAfter: back to the minimum
        failAndAwaitRestart(sup, w, 7);
        failAndAwaitRestart(sup, w, 8);
        assertThat(delaysMillis()).containsExactly(10L, 20L, 40L, 80L, 80L, 10L, 20L);

        List<RuntimeEvent.BackingOff> backingOff = kit.events().events(RuntimeEvent.BackingOff.class);
        assertThat(backingOff).allSatisfy(e -> {
            assertThat(e.actor().path()).isEqualTo("/user/sup");
            assertThat(e.child().path()).isEqualTo("/user/sup/w");
        });
        assertThat(ping(w)).isEqualTo("w#8");
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(7);
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
    }

    @Test
    void justUnderResetAfterDoesNotReset(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 0, Duration.ofSeconds(1)));
        ActorRef<Object> w = child(sup, "w");
        failAndAwaitRestart(sup, w, 2); // took its 10 ms backoff of the 999
        kit.time().advance(Duration.ofMillis(999 - 10));
        failAndAwaitRestart(sup, w, 3);
        kit.time().advance(Duration.ofMillis(999 - 20));
        failAndAwaitRestart(sup, w, 4);
        assertThat(delaysMillis()).containsExactly(10L, 20L, 40L);
    }

    @Test
    void childWaitsOutTheDelayWithItsMailboxIntact(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system,
                new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1), 0, Duration.ofSeconds(10)));
        ActorRef<Object> w = child(sup, "w");

        w.tell("boom");
        AtomicReference<SupervisorSnapshot> backingOff = new AtomicReference<>();
        eventually().until(() -> {
            SupervisorSnapshot now = sup.snapshot();
            backingOff.set(now);
            return now.state() == State.BACKING_OFF && recorder.created("w") == 1;
        });
        w.tell("m1");
        w.tell("m2");
        assertThat(childOf(backingOff.get(), "w").state()).isEqualTo(State.BACKING_OFF);

        kit.time().advance(Duration.ofMillis(299));
        kit.supervision().expectNoRestart(w);
        kit.time().advance(Duration.ofMillis(1));
        eventually().until(() -> recorder.log.contains("w#2 got m2"));
        assertThat(recorder.log).containsSubsequence("start w#2", "w#2 got m1", "w#2 got m2");
        assertThat(recorder.log).noneMatch(e -> e.startsWith("w#1 got"));
        assertThat(delaysMillis()).containsExactly(300L);
        eventually().until(() -> sup.snapshot().state() == State.RUNNING);
    }

    @Test
    void stoppingDuringTheDelayCancelsTheRestart(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system,
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(10)));
        ActorRef<Object> w = child(sup, "w");
        w.tell("boom");
        eventually().until(() -> sup.snapshot().state() == State.BACKING_OFF);

        sup.stop();

        eventually().until(() -> system.lookup("/user/sup").isEmpty() && recorder.log.contains("stop w#1")
                && system.supervisors().isEmpty());
        assertThat(recorder.created("w")).isEqualTo(1);
    }

    @Test
    void stopChildDuringTheDelayRemovesItForGood(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .backoff(new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1), 0, Duration.ofSeconds(10)))
                .child(recorder.child("w"))
                .child(recorder.child("other"))
                .build()));
        child(sup, "w").tell("boom");
        eventually().until(() -> sup.snapshot().state() == State.BACKING_OFF);

        sup.stopChild("w").get(10, TimeUnit.SECONDS);

        kit.time().advance(Duration.ofMillis(300)); // the delay runs out with nothing left to restart
        eventually().until(() -> sup.snapshot().state() == State.RUNNING
                && childNames(sup.snapshot()).equals(List.of("other")));
        assertThat(sup.child("w")).isEmpty();
        assertThat(recorder.created("w")).isEqualTo(1);
        assertThat(ping(child(sup, "other"))).isEqualTo("other#1");
    }
}
