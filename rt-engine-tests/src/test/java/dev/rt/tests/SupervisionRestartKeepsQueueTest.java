package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.SpawnOptions;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A restart keeps the mailbox and the ref: what was queued behind the failing message is not lost. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionRestartKeepsQueueTest {

    private static final SpawnOptions BLOCKING = SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER);

    private final Recorder recorder = new Recorder();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @Test
    void messagesQueuedBehindTheFailingOneAreHandledInOrderByTheFreshInstance(ActorSystem system) throws Exception {
        system.deadLetters().subscribe(deadLetters::add);
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .child(recorder.child("w").options(BLOCKING))
                .build()));
        ActorRef<Object> w = child(sup, "w");

        w.tell("block");
        assertThat(recorder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        w.tell("boom");
        for (int i = 1; i <= 5; i++) {
            w.tell("m" + i);
        }
        recorder.release.countDown();

        eventually().until(() -> recorder.log.contains("w#2 got m5"));
        assertThat(recorder.log).containsExactly("start w#1", "w#1 unblocked", "stop w#1", "start w#2",
                "w#2 got m1", "w#2 got m2", "w#2 got m3", "w#2 got m4", "w#2 got m5");
        assertThat(child(sup, "w")).isSameAs(w);
        assertThat(ping(w)).isEqualTo("w#2");

        assertThat(deadLetters).hasSize(1);
        DeadLetter failed = deadLetters.get(0);
        assertThat(failed.message()).isEqualTo("boom");
        assertThat(failed.reason()).isEqualTo(DeadLetterReason.FAILED);
        assertThat(failed.recipient()).isEqualTo(w.address());
        assertThat(failed.detail()).contains("boom in w#1");
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
        assertThat(system.deadLetters().total()).isEqualTo(1);
        assertThat(system.stats(w).failed()).isEqualTo(1);
        // block, m1..m5, ping (counted just after the handler returns)
        eventually().until(() -> system.stats(w).delivered() == 7);
    }

    @Test
    void aSiblingRestartedByOneForAllKeepsItsQueueToo(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        system.deadLetters().subscribe(deadLetters::add);
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .strategy(SupervisionStrategy.ONE_FOR_ALL)
                .child(recorder.child("a").options(BLOCKING))
                .child(recorder.child("b"))
                .build()));
        ActorRef<Object> a = child(sup, "a");
        ActorRef<Object> b = child(sup, "b");

        a.tell("block");
        assertThat(recorder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        a.tell("x1");
        a.tell("x2");
        b.tell("boom");
        b.tell("y1");
        // the supervisor has told the busy sibling to restart: let it finish its message
        eventually().until(() -> kit.events().events(RuntimeEvent.ChildRestarted.class).stream()
                .anyMatch(e -> e.child().equals(a.address())));
        recorder.release.countDown();

        eventually().until(() -> recorder.log.contains("a#2 got x2") && recorder.log.contains("b#2 got y1")
                && sup.snapshot().state() == State.RUNNING);
        assertThat(recorder.log).containsSubsequence("a#1 unblocked", "stop a#1", "start a#2", "a#2 got x1",
                "a#2 got x2");
        assertThat(recorder.log).containsSubsequence("start a#2", "start b#2", "b#2 got y1");
        assertThat(recorder.log).noneMatch(e -> e.startsWith("a#1 got") || e.startsWith("b#1 got"));
        assertThat(deadLetters).extracting(DeadLetter::message).containsExactly("boom");
    }

    @Test
    void aStopWhileSuspendedDeadLettersTheQueueAsStopped(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        system.deadLetters().subscribe(deadLetters::add);
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .intensity(0, Duration.ofSeconds(5))
                .child(recorder.child("w").options(BLOCKING))
                .build()));
        ActorRef<Object> w = child(sup, "w");
        w.tell("block");
        assertThat(recorder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        w.tell("boom");
        w.tell("m1");
        w.tell("m2");
        recorder.release.countDown();

        // intensity 0: the supervisor gives up, so the queued messages are never handled
        eventually().until(() -> system.lookup("/user/sup").isEmpty() && deadLetters.size() == 3);
        assertThat(deadLetters).extracting(d -> d.message() + " " + d.reason())
                .containsExactly("boom FAILED", "m1 STOPPED", "m2 STOPPED");
        assertThat(recorder.log).noneMatch(e -> e.contains(" got "));
        kit.deadLetters().expect(DeadLetterReason.STOPPED, "m1");
        kit.deadLetters().expect(DeadLetterReason.STOPPED, "m2");
    }
}
