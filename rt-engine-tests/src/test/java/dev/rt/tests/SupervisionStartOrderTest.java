package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.WAIT;
import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.SpawnOptions;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Children start one at a time, in order: the next is created once the previous finished preStart. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionStartOrderTest {

    private static final SpawnOptions BLOCKING = SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER);

    private final Recorder recorder = new Recorder();

    @Test
    void childrenStartOneAtATimeInOrder(ActorTestKit kit) throws Exception {
        recorder.gatePreStart("a");
        ActorSystem system = kit.system();
        Supervisor sup = system.supervise(SupervisorSpec.builder("sup")
                .child(recorder.child("a").options(BLOCKING))
                .child(recorder.child("b"))
                .child(recorder.child("c"))
                .build());
        try {
            eventually().until(() -> recorder.log.contains("prestart-begin a#1"));
            // while a is inside preStart, b is not even created
            eventually().during(Duration.ofMillis(200)).until(() -> recorder.created("b") == 0);
            assertThat(sup.whenStarted()).isNotDone();
            assertThat(sup.snapshot().state()).isEqualTo(State.STARTING);
            assertThat(childOf(sup.snapshot(), "a").state()).isEqualTo(State.STARTING);
            assertThat(system.lookup("/user/sup/b")).isEmpty();
        } finally {
            recorder.release.countDown();
        }

        started(sup);
        assertThat(recorder.log).containsExactly("prestart-begin a#1", "start a#1", "start b#1", "start c#1");
        assertThat(sup.snapshot().state()).isEqualTo(State.RUNNING);
        assertThat(sup.snapshot().children()).extracting(SupervisorSnapshot.Child::state)
                .containsOnly(State.RUNNING);
    }

    @Test
    void aFailingPreStartIsAFailureAndTheChildIsRestartedBeforeTheNextStarts(ActorTestKit kit) throws Exception {
        recorder.failPreStart("b", 1);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .child(recorder.child("a"))
                .child(recorder.child("b"))
                .child(recorder.child("c"))
                .build()));

        assertThat(recorder.log).containsExactly("start a#1", "prestart-failed b#1", "stop b#1", "start b#2",
                "start c#1");
        assertThat(recorder.created("a")).isEqualTo(1);
        assertThat(recorder.created("c")).isEqualTo(1);
        SupervisorSnapshot snapshot = sup.snapshot();
        assertThat(snapshot.restartsInWindow()).isEqualTo(1);
        assertThat(childOf(snapshot, "b").restarts()).isEqualTo(1);
        assertThat(snapshot.lastFailure().child()).isEqualTo("b");
        assertThat(snapshot.lastFailure().message()).isEqualTo("preStart of b#1 failed");
        assertThat(ping(child(sup, "b"))).isEqualTo("b#2");
    }

    @Test
    void aPreStartThatKeepsFailingExhaustsTheIntensityAndLaterChildrenNeverStart(ActorTestKit kit) throws Exception {
        recorder.failPreStart("b", Integer.MAX_VALUE);
        ActorSystem system = kit.system();
        Supervisor sup = system.supervise(SupervisorSpec.builder("sup")
                .intensity(2, Duration.ofMinutes(1))
                .child(recorder.child("a"))
                .child(recorder.child("b"))
                .child(recorder.child("c"))
                .build());

        assertThatThrownBy(() -> sup.whenStarted().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        eventually().until(() -> system.state() == ActorSystem.State.FAILED && recorder.log.contains("stop a#1"));
        assertThat(recorder.created("b")).isEqualTo(3);
        assertThat(recorder.created("c")).isZero();
        assertThat(sup.snapshot().state()).isEqualTo(State.FAILED);
        assertThat(recorder.entries("start ")).containsExactly("start a#1");
    }

    /**
     * A nested supervisor counts as started once its own children have started (as a supervisor's
     * {@code start_link} returns after its {@code init} started every child in OTP), so a later sibling
     * may rely on the whole subtree before it, and {@link Supervisor#whenStarted()} of the root means the
     * whole tree is up.
     */
    @Test
    void aSiblingAfterANestedSupervisorStartsAfterTheNestedChildrenStarted(ActorTestKit kit) throws Exception {
        recorder.gatePreStart("w1");
        ActorSystem system = kit.system();
        Supervisor sup = system.supervise(SupervisorSpec.builder("app")
                .child(ChildSpec.supervisor(SupervisorSpec.builder("workers")
                        .child(recorder.child("w1").options(BLOCKING))
                        .build()))
                .child(recorder.child("db"))
                .build());
        try {
            eventually().until(() -> recorder.log.contains("prestart-begin w1#1"));
            eventually().atMost(Duration.ofSeconds(2)).during(Duration.ofMillis(200))
                    .alias("while workers/w1 is still in preStart, db must not be created and app must not "
                            + "report started")
                    .until(() -> recorder.created("db") == 0 && !sup.whenStarted().isDone());
        } finally {
            recorder.release.countDown();
        }
        started(sup);
        assertThat(recorder.entries("start ")).containsExactly("start w1#1", "start db#1");
    }
}
