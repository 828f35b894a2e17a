package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restart intensity: at most {@code maxRestarts} restarts within {@code period}, measured on the system's
 * {@link NanoClock}; the next failure in the window makes the supervisor give up.
 */
@ActorTest(manualTime = true, allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionIntensityTest {

    private final Recorder recorder = new Recorder();

    private Supervisor supervise(ActorSystem system, int maxRestarts, Duration period) throws Exception {
        return started(system.supervise(SupervisorSpec.builder("sup")
                .intensity(maxRestarts, period)
                .child(recorder.child("w"))
                .child(recorder.child("other"))
                .build()));
    }

    /** Fails {@code w} and waits until instance {@code expectedInstance} is up. */
    private void failAndAwaitRestart(Supervisor sup, ActorRef<Object> w, int expectedInstance) throws Exception {
        w.tell("boom");
        eventually().until(() -> recorder.created("w") == expectedInstance
                && sup.snapshot().state() == State.RUNNING
                && childOf(sup.snapshot(), "w").restarts() == expectedInstance - 1);
        assertThat(ping(w)).isEqualTo("w#" + expectedInstance);
    }

    private void failAndAwaitGiveUp(ActorSystem system, Supervisor sup, ActorRef<Object> w) {
        w.tell("boom");
        eventually().until(() -> sup.snapshot().state() == State.FAILED && system.lookup("/user/sup").isEmpty());
    }

    @Test
    void defaultIntensityIsThreeRestartsInFiveSeconds() {
        SupervisorSpec spec = SupervisorSpec.builder("sup").build();
        assertThat(spec.maxRestarts()).isEqualTo(3);
        assertThat(spec.period()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void allowsTheThirdRestartAndGivesUpOnTheFourthFailure(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system, 3, Duration.ofSeconds(5));
        ActorRef<Object> w = child(sup, "w");

        for (int restart = 1; restart <= 3; restart++) {
            failAndAwaitRestart(sup, w, restart + 1);
            assertThat(sup.snapshot().restartsInWindow()).isEqualTo(restart);
            kit.time().advance(Duration.ofMillis(100)); // all well inside the window
        }
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);

        failAndAwaitGiveUp(system, sup, w);

        assertThat(recorder.created("w")).isEqualTo(4);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(3);
        assertThat(sup.snapshot().maxRestarts()).isEqualTo(3);
        assertThat(sup.snapshot().isHealthy()).isFalse();
        eventually().until(() -> system.state() == ActorSystem.State.FAILED);
        assertThat(system.failure()).contains("/user/sup");
        // the children were stopped in reverse order: the healthy sibling after the failed one
        assertThat(recorder.entries("stop ")).containsSubsequence("stop other#1", "stop w#4");
        List<RuntimeEvent.SupervisorGaveUp> gaveUp = kit.events().events(RuntimeEvent.SupervisorGaveUp.class);
        assertThat(gaveUp).hasSize(1);
        assertThat(gaveUp.get(0).restarts()).isEqualTo(3);
        assertThat(gaveUp.get(0).period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(gaveUp.get(0).root()).isTrue();
        assertThat(kit.events().events(RuntimeEvent.ChildRestarted.class)).hasSize(3);
    }

    @Test
    void failuresOlderThanThePeriodAreForgotten(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system, 3, Duration.ofSeconds(5));
        ActorRef<Object> w = child(sup, "w");
        for (int restart = 1; restart <= 3; restart++) {
            failAndAwaitRestart(sup, w, restart + 1);
        }
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(3);

        kit.time().advance(Duration.ofSeconds(5).plusMillis(1));

        // the 4th failure comes after the window of the first three: restart, count from 1 again
        failAndAwaitRestart(sup, w, 5);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(1);
        failAndAwaitRestart(sup, w, 6);
        failAndAwaitRestart(sup, w, 7);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(3);
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);

        // ... and a 4th one in the new window gives up
        failAndAwaitGiveUp(system, sup, w);
        assertThat(recorder.created("w")).isEqualTo(7);
        eventually().until(() -> system.state() == ActorSystem.State.FAILED);
    }

    @Test
    void theWindowSlides(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system, 3, Duration.ofSeconds(5));
        ActorRef<Object> w = child(sup, "w");
        failAndAwaitRestart(sup, w, 2);   // t = 0
        kit.time().advance(Duration.ofSeconds(2));
        failAndAwaitRestart(sup, w, 3);   // t = 2 s
        kit.time().advance(Duration.ofSeconds(2));
        failAndAwaitRestart(sup, w, 4);   // t = 4 s
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(3);

        kit.time().advance(Duration.ofMillis(1500));
        failAndAwaitRestart(sup, w, 5);   // t = 5.5 s: only the one at t = 0 has left the window
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(3);
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);

        failAndAwaitGiveUp(system, sup, w); // t = 5.5 s: 2 s, 4 s, 5.5 s are still in the window
        assertThat(recorder.created("w")).isEqualTo(5);
    }

    @Test
    void zeroRestartsGivesUpOnTheFirstFailure(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = supervise(system, 0, Duration.ofSeconds(5));
        ActorRef<Object> w = child(sup, "w");

        failAndAwaitGiveUp(system, sup, w);

        assertThat(recorder.created("w")).isEqualTo(1);
        assertThat(kit.events().events(RuntimeEvent.ChildRestarted.class)).isEmpty();
        eventually().until(() -> system.state() == ActorSystem.State.FAILED);
    }

    @Test
    void intensityIsPerSupervisorNotPerChild(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system, 3, Duration.ofSeconds(5));
        ActorRef<Object> w = child(sup, "w");
        ActorRef<Object> other = child(sup, "other");
        failAndAwaitRestart(sup, w, 2);
        failAndAwaitRestart(sup, w, 3);
        other.tell("boom");
        eventually().until(() -> recorder.created("other") == 2 && sup.snapshot().state() == State.RUNNING
                && sup.snapshot().restartsInWindow() == 3);

        failAndAwaitGiveUp(system, sup, w);
    }
}
