package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.escalations;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.Supervisor;
import dev.rt.SupervisorGaveUpException;
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
import org.junit.jupiter.api.Test;

/**
 * Three levels, {@code root > mid > leaf > worker}: a supervisor that gives up stops its children and
 * fails to its own supervisor, which applies its strategy; a top-level one marks the system FAILED.
 */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionEscalationTest {

    private static final String ROOT = "/user/root";
    private static final String MID = "/user/root/mid";
    private static final String LEAF = "/user/root/mid/leaf";
    private static final String WORKER = "/user/root/mid/leaf/worker";

    private final Recorder recorder = new Recorder();

    private SupervisorSpec tree(int rootRestarts, int midRestarts, int leafRestarts) {
        Duration period = Duration.ofMinutes(1);
        SupervisorSpec leaf = SupervisorSpec.builder("leaf").intensity(leafRestarts, period)
                .child(recorder.child("worker"))
                .build();
        SupervisorSpec mid = SupervisorSpec.builder("mid").intensity(midRestarts, period)
                .child(recorder.child("midworker"))
                .child(ChildSpec.supervisor(leaf))
                .build();
        return SupervisorSpec.builder("root").intensity(rootRestarts, period)
                .child(recorder.child("rootworker"))
                .child(ChildSpec.supervisor(mid))
                .build();
    }

    private ActorRef<Object> worker(ActorSystem system) {
        eventually().until(() -> system.lookup(WORKER).isPresent());
        return system.<Object>lookup(WORKER).orElseThrow();
    }

    private static SupervisorSnapshot snapshot(ActorSystem system, String path) {
        return system.supervisor(path).orElseThrow(() -> new AssertionError("no supervisor at " + path)).snapshot();
    }

    @Test
    void everyLevelGivesUpAndTheSystemIsFailed(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor root = started(system.supervise(tree(0, 0, 0)));
        ActorRef<Object> worker = worker(system);
        ActorRef<String> bystander = system.spawn("bystander",
                () -> (msg, ctx) -> recorder.log.add("bystander " + msg));

        worker.tell("boom");

        eventually().until(() -> system.state() == ActorSystem.State.FAILED && system.lookup(ROOT).isEmpty());
        assertThat(system.failure()).contains(ROOT);
        assertThat(escalations(kit.events())).containsSubsequence(
                "GaveUp " + LEAF, "Escalated " + LEAF,
                "GaveUp " + MID, "Escalated " + MID,
                "GaveUp " + ROOT);
        List<RuntimeEvent.SupervisorGaveUp> gaveUp = kit.events().events(RuntimeEvent.SupervisorGaveUp.class);
        assertThat(gaveUp).extracting(e -> e.actor().path()).containsExactly(LEAF, MID, ROOT);
        assertThat(gaveUp).extracting(RuntimeEvent.SupervisorGaveUp::root).containsExactly(false, false, true);
        RuntimeEvent.Escalated leafEscalated = kit.events().events(RuntimeEvent.Escalated.class).get(0);
        assertThat(leafEscalated.error()).isEqualTo(SupervisorGaveUpException.class.getName());
        assertThat(leafEscalated.message()).contains(LEAF);

        // each supervisor stopped its children before failing to its parent
        assertThat(recorder.entries("stop ")).containsExactly("stop worker#1", "stop midworker#1",
                "stop rootworker#1");
        assertThat(root.snapshot().state()).isEqualTo(State.FAILED);
        assertThat(root.snapshot().isHealthy()).isFalse();
        assertThat(root.snapshot().lastFailure().child()).isEqualTo("mid");
        assertThat(root.snapshot().lastFailure().type()).isEqualTo(SupervisorGaveUpException.class.getName());
        assertThat(snapshot(system, MID).state()).isEqualTo(State.FAILED);
        assertThat(snapshot(system, LEAF).state()).isEqualTo(State.FAILED);
        assertThat(system.lookup(ROOT)).isEmpty();
        assertThat(system.lookup(WORKER)).isEmpty();
        assertThat(recorder.created("worker")).isEqualTo(1);

        // the system keeps running: other actors work and new ones can be started
        bystander.tell("still here");
        ActorRef<Object> late = system.spawn("late", recorder.probe("late"));
        assertThat(ping(late)).isEqualTo("late#1");
        eventually().until(() -> recorder.log.contains("bystander still here"));
        assertThat(system.state()).isEqualTo(ActorSystem.State.FAILED);
    }

    @Test
    void midHasRoomAndRestartsTheLeafWithAFreshWorker(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor root = started(system.supervise(tree(0, 3, 0)));
        ActorRef<Object> worker = worker(system);
        assertThat(ping(worker)).isEqualTo("worker#1");
        Supervisor leaf = system.supervisor(LEAF).orElseThrow();

        worker.tell("boom");

        eventually().until(() -> recorder.created("worker") == 2 && snapshot(system, MID).state() == State.RUNNING
                && snapshot(system, LEAF).state() == State.RUNNING);
        ActorRef<Object> fresh = worker(system);
        assertThat(ping(fresh)).isEqualTo("worker#2");
        // the leaf stopped its children: the worker is a new actor at the same path
        assertThat(fresh).isNotSameAs(worker);
        assertThat(system.supervisor(LEAF)).containsSame(leaf);

        assertThat(escalations(kit.events())).containsExactly("GaveUp " + LEAF, "Escalated " + LEAF);
        assertThat(kit.events().events(RuntimeEvent.ChildRestarted.class))
                .extracting(e -> e.actor().path() + " -> " + e.child().path())
                .containsExactly(MID + " -> " + LEAF);
        SupervisorSnapshot mid = snapshot(system, MID);
        assertThat(mid.restartsInWindow()).isEqualTo(1);
        assertThat(mid.lastFailure().child()).isEqualTo("leaf");
        assertThat(mid.lastFailure().type()).isEqualTo(SupervisorGaveUpException.class.getName());
        assertThat(childOf(mid, "leaf").restarts()).isEqualTo(1);
        assertThat(childOf(mid, "midworker").restarts()).isZero();
        assertThat(recorder.created("midworker")).isEqualTo(1);
        assertThat(recorder.created("rootworker")).isEqualTo(1);
        assertThat(root.snapshot().state()).isEqualTo(State.RUNNING);
        assertThat(root.snapshot().restartsInWindow()).isZero();
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);

        // the old worker's ref is dead; messages to it are dead letters
        long stoppedBefore = system.deadLetters().count(DeadLetterReason.STOPPED);
        worker.tell("to the old one");
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isEqualTo(stoppedBefore + 1);
        kit.deadLetters().expect(DeadLetterReason.STOPPED, "to the old one");
    }

    @Test
    void rootHasRoomAndRestartsTheWholeSubtreeWithFreshChildren(ActorTestKit kit) throws Exception {
        ActorSystem system = kit.system();
        Supervisor root = started(system.supervise(tree(3, 0, 0)));
        ActorRef<Object> worker = worker(system);

        worker.tell("boom");

        eventually().until(() -> recorder.created("worker") == 2 && recorder.created("midworker") == 2
                && root.snapshot().state() == State.RUNNING
                && system.supervisor(MID).map(s -> s.snapshot().state() == State.RUNNING).orElse(false)
                && system.supervisor(LEAF).map(s -> s.snapshot().state() == State.RUNNING).orElse(false));
        assertThat(ping(worker(system))).isEqualTo("worker#2");
        assertThat(ping(system.<Object>lookup("/user/root/mid/midworker").orElseThrow())).isEqualTo("midworker#2");
        assertThat(recorder.created("rootworker")).isEqualTo(1);
        assertThat(escalations(kit.events())).containsExactly(
                "GaveUp " + LEAF, "Escalated " + LEAF, "GaveUp " + MID, "Escalated " + MID);
        assertThat(root.snapshot().restartsInWindow()).isEqualTo(1);
        assertThat(childOf(root.snapshot(), "mid").restarts()).isEqualTo(1);
        assertThat(snapshot(system, MID).state()).isEqualTo(State.RUNNING);
        assertThat(snapshot(system, MID).restartsInWindow()).isZero();
        assertThat(system.supervisors()).extracting(Supervisor::path).containsExactly(ROOT, MID, LEAF);
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
        assertThat(system.<Object>lookup(WORKER).orElseThrow()).isNotSameAs(worker);
    }
}
