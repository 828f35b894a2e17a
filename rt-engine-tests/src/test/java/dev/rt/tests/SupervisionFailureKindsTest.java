package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childNames;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.FailureAction;
import dev.rt.RestartType;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kinds of failure a supervised child can have, and what its {@code onFailure} answer leads to. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionFailureKindsTest {

    private final Recorder recorder = new Recorder();

    @Test
    void resumeKeepsTheInstanceAndDoesNotInvolveTheSupervisor(ActorTestKit kit) throws Exception {
        recorder.onFailure("w", FailureAction.RESUME);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup").child(recorder.child("w")).build()));
        ActorRef<Object> w = child(sup, "w");

        w.tell("x1");
        w.tell("boom");
        w.tell("x2");

        eventually().until(() -> recorder.log.contains("w#1 got x2"));
        assertThat(ping(w)).isEqualTo("w#1");
        assertThat(recorder.created("w")).isEqualTo(1);
        assertThat(sup.snapshot().restartsInWindow()).isZero();
        assertThat(sup.snapshot().lastFailure()).isNull();
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
    }

    @Test
    void restartLetsTheSupervisorDecideByItsStrategy(ActorTestKit kit) throws Exception {
        recorder.onFailure("b", FailureAction.RESTART);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .strategy(SupervisionStrategy.ONE_FOR_ALL)
                .child(recorder.child("a"))
                .child(recorder.child("b"))
                .child(recorder.child("c"))
                .build()));

        child(sup, "b").tell("boom");

        eventually().until(() -> recorder.created("c") == 2 && sup.snapshot().state() == State.RUNNING);
        assertThat(recorder.created("a")).isEqualTo(2);
        assertThat(recorder.created("b")).isEqualTo(2);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(1);
        assertThat(sup.snapshot().lastFailure().child()).isEqualTo("b");
    }

    /** onFailure STOP is a stop after a failure: permanent and transient children come back, temporary ones not. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(RestartType.class)
    void stopAfterAFailure(RestartType type, ActorTestKit kit) throws Exception {
        recorder.onFailure("w", FailureAction.STOP);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .child(recorder.child("w").restart(type))
                .child(recorder.child("other"))
                .build()));
        ActorRef<Object> w = child(sup, "w");

        w.tell("boom");

        if (type == RestartType.TEMPORARY) {
            eventually().until(() -> childNames(sup.snapshot()).equals(List.of("other")));
            assertThat(sup.child("w")).isEmpty();
            assertThat(recorder.created("w")).isEqualTo(1);
            assertThat(sup.snapshot().restartsInWindow()).isZero();
        } else {
            eventually().until(() -> recorder.created("w") == 2 && sup.snapshot().state() == State.RUNNING);
            ActorRef<Object> fresh = child(sup, "w");
            assertThat(fresh).isNotSameAs(w); // stopped, so a new actor at the same path
            assertThat(ping(fresh)).isEqualTo("w#2");
            assertThat(sup.snapshot().restartsInWindow()).isEqualTo(1);
        }
        assertThat(recorder.created("other")).isEqualTo(1);
    }

    /**
     * The factory throws when the supervisor restarts the child: that is a failure too, counted in the
     * intensity and retried, whatever the restart type (it is not a normal stop).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RestartType.class, names = {"PERMANENT", "TRANSIENT"})
    void aFactoryThatFailsOnRestartIsRetried(RestartType type, ActorTestKit kit) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Actor<Object>> probes = recorder.probe("w");
        Supplier<Actor<Object>> hiccup = () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("factory hiccup");
            }
            return probes.get();
        };
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .intensity(5, Duration.ofMinutes(1))
                .child(ChildSpec.actor("w", hiccup).restart(type))
                .build()));

        child(sup, "w").tell("boom");

        eventually().atMost(Duration.ofSeconds(3))
                .alias("a " + type + " child whose factory failed on restart is restarted again (not removed)")
                .until(() -> calls.get() >= 3
                && sup.snapshot().state() == State.RUNNING && sup.child("w").isPresent());
        assertThat(ping(child(sup, "w"))).isEqualTo("w#2");
        assertThat(childNames(sup.snapshot())).containsExactly("w");
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(2);
    }

    @Test
    void aFactoryThatAlwaysFailsOnRestartExhaustsTheIntensity(ActorTestKit kit) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Actor<Object>> probes = recorder.probe("w");
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .intensity(3, Duration.ofMinutes(1))
                .child(ChildSpec.actor("w", () -> {
                    if (calls.incrementAndGet() > 1) {
                        throw new IllegalStateException("factory broken");
                    }
                    return probes.get();
                }))
                .build()));

        child(sup, "w").tell("boom");

        eventually().until(() -> sup.snapshot().state() == State.FAILED
                && system.state() == ActorSystem.State.FAILED);
        assertThat(calls.get()).isEqualTo(4); // the first instance, then 3 restarts that failed
    }
}
