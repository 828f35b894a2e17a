package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childNames;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.ShutdownPolicy;
import dev.rt.SpawnOptions;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Children stop one at a time in reverse start order; one that overruns its timeout is detached. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionShutdownOrderTest {

    private final Recorder recorder = new Recorder();

    private SupervisorSpec abc() {
        return SupervisorSpec.builder("app")
                .child(recorder.child("a"))
                .child(recorder.child("b"))
                .child(recorder.child("c"))
                .build();
    }

    @Test
    void stoppingTheSupervisorStopsChildrenInReverseStartOrder(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(abc()));

        sup.stop();

        eventually().until(() -> system.lookup("/user/app").isEmpty() && system.supervisors().isEmpty());
        assertThat(recorder.entries("stop ")).containsExactly("stop c#1", "stop b#1", "stop a#1");
        assertThat(kit.events().events(RuntimeEvent.ChildStopped.class))
                .extracting(e -> e.child().name() + (e.forced() ? " forced" : ""))
                .containsExactly("c", "b", "a");
        assertThat(sup.snapshot().state()).isEqualTo(State.STOPPED);
        assertThat(system.supervisor("/user/app")).isEmpty();
        // stopped on purpose: nothing was restarted
        assertThat(recorder.created("a") + recorder.created("b") + recorder.created("c")).isEqualTo(3);
    }

    @Test
    void systemStopAndTerminateAlsoStopInReverseOrder(ActorSystem system) throws Exception {
        started(system.supervise(abc()));
        Recorder second = new Recorder();
        started(system.supervise(SupervisorSpec.builder("other")
                .child(second.child("x"))
                .child(second.child("y"))
                .build()));

        system.stop(system.lookup("/user/app").orElseThrow());
        eventually().until(() -> recorder.entries("stop ").size() == 3);
        assertThat(recorder.entries("stop ")).containsExactly("stop c#1", "stop b#1", "stop a#1");

        SupervisionTestKit.terminate(system);
        assertThat(second.entries("stop ")).containsExactly("stop y#1", "stop x#1");
    }

    @Test
    void aNestedSupervisorStopsItsWholeSubtreeBeforeEarlierSiblings(ActorSystem system) throws Exception {
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("app")
                .child(recorder.child("db"))
                .child(ChildSpec.supervisor(SupervisorSpec.builder("workers")
                        .child(recorder.child("w1"))
                        .child(recorder.child("w2"))
                        .build()))
                .child(recorder.child("cache"))
                .build()));
        eventually().until(() -> recorder.created("cache") == 1 && recorder.entries("start ").size() == 4);

        sup.stop();

        eventually().until(() -> system.lookup("/user/app").isEmpty() && system.supervisors().isEmpty());
        assertThat(recorder.entries("stop ")).containsExactly("stop cache#1", "stop w2#1", "stop w1#1",
                "stop db#1");
    }

    @Test
    void aChildThatOverrunsItsTimeoutIsForcedAndTheOthersStillStopInOrder(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("app")
                .child(recorder.child("a"))
                .child(recorder.child("b")
                        .shutdown(ShutdownPolicy.graceful(Duration.ofMillis(200)))
                        .options(SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER)))
                .child(recorder.child("c"))
                .build()));
        ActorRef<Object> b = child(sup, "b");
        try {
            b.tell("block");
            assertThat(recorder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
            long stopAt = System.nanoTime();

            sup.stop();

            eventually().until(() -> system.lookup("/user/app").isEmpty());
            long tookMillis = Duration.ofNanos(System.nanoTime() - stopAt).toMillis();
            assertThat(tookMillis).isGreaterThanOrEqualTo(150);
            assertThat(recorder.entries("stop ")).containsExactly("stop c#1", "stop a#1");
            assertThat(kit.events().events(RuntimeEvent.ChildStopped.class))
                    .extracting(e -> e.child().name() + (e.forced() ? " forced" : ""))
                    .containsExactly("c", "b forced", "a");
            assertThat(recorder.log).doesNotContain("b#1 unblocked");
        } finally {
            recorder.release.countDown();
        }
        // once its handler returns, the detached child still stops (and runs postStop)
        eventually().until(() -> recorder.log.contains("stop b#1"));
        assertThat(recorder.log).containsSubsequence("stop c#1", "stop a#1", "b#1 unblocked", "stop b#1");
        assertThat(recorder.created("b")).isEqualTo(1);
    }

    /** {@link Supervisor#stopChild} stops the child by its shutdown policy too: an overrun is a forced stop. */
    @Test
    void stopChildOfAChildThatOverrunsItsTimeoutIsForced(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("app")
                .child(recorder.child("a"))
                .child(recorder.child("b")
                        .shutdown(ShutdownPolicy.graceful(Duration.ofMillis(200)))
                        .options(SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER)))
                .build()));
        try {
            child(sup, "b").tell("block");
            assertThat(recorder.blocked.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopped = sup.stopChild("b");

            eventually().atMost(Duration.ofSeconds(3))
                    .alias("stopChild(b) completes once b overran its 200 ms shutdown timeout")
                    .until(stopped::isDone);
            assertThat(stopped).isCompleted();
            assertThat(kit.events().events(RuntimeEvent.ChildStopped.class))
                    .extracting(e -> e.child().name() + (e.forced() ? " forced" : ""))
                    .containsExactly("b forced");
            eventually().until(() -> childNames(sup.snapshot()).equals(List.of("a")));
            assertThat(sup.child("b")).isEmpty();
        } finally {
            recorder.release.countDown();
        }
        eventually().until(() -> recorder.log.contains("stop b#1"));
        assertThat(recorder.created("b")).isEqualTo(1);
    }
}
