package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ChildSpec;
import dev.rt.FailureAction;
import dev.rt.Supervisor;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ActorTest
class DeadLetterAndSupervisionProbeTest {

    /** Throws on "boom", ignores anything else. */
    static Actor<String> fragile() {
        return (message, ctx) -> {
            if (message.equals("boom")) {
                throw new IllegalStateException("boom");
            }
        };
    }

    static Supervisor started(ActorTestKit kit, SupervisorSpec spec) {
        Supervisor supervisor = kit.system().supervise(spec);
        supervisor.whenStarted().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        return supervisor;
    }

    @Test
    void expectsADeadLetterByReasonAndMessage(ActorTestKit kit) {
        ActorRef<String> actor = kit.spawn("gone", DeadLetterAndSupervisionProbeTest::fragile);
        kit.stop(actor);

        actor.tell("late");

        DeadLetter letter = kit.deadLetters().expect(DeadLetterReason.STOPPED, "late");
        assertThat(letter.recipient().path()).isEqualTo("/user/gone");
        kit.deadLetters().expectNoUnexpected();
    }

    @Test
    void listsTheUnexpectedDeadLettersAndHowToHandleThem(ActorTestKit kit) {
        ActorRef<String> actor = kit.spawn("gone", DeadLetterAndSupervisionProbeTest::fragile);
        kit.stop(actor);
        actor.tell("lost");
        kit.awaitAssert(() -> assertThat(kit.deadLetters().all()).hasSize(1));

        assertThatThrownBy(kit.deadLetters()::expectNoUnexpected)
                .hasMessageStartingWith("1 unexpected dead letter(s): [STOPPED to /user/gone: lost")
                .hasMessageContaining("kit.deadLetters().expect(...)");
        kit.deadLetters().allow(DeadLetterReason.STOPPED);
        kit.deadLetters().expectNoUnexpected();
    }

    @Test
    void saysWhichDeadLetterItWaitedForInVain(ActorTestKit kit) {
        assertThatThrownBy(() -> kit.deadLetters().expect(l -> true, "TIMED_OUT", Duration.ofMillis(50)))
                .hasMessage("expected a dead letter TIMED_OUT within 50 ms, but none came; dead letters so far: none");
    }

    @Test
    void expectsARestartOfASupervisedChildOncePerRestart(ActorTestKit kit) {
        Supervisor supervisor = started(kit, SupervisorSpec.builder("app")
                .child(ChildSpec.actor("worker", DeadLetterAndSupervisionProbeTest::fragile)).build());
        ActorRef<String> worker = supervisor.<String>child("worker").orElseThrow();

        worker.tell("boom");
        kit.supervision().expectRestart(worker);
        worker.tell("boom");
        kit.supervision().expectRestart(worker);
        kit.deadLetters().expect(DeadLetterReason.FAILED, 2);
        kit.supervision().expectNoRestart(worker);
    }

    @Test
    void eachExpectRestartReturnsTheRestartItWaitedForNotTheLatest(ActorTestKit kit) {
        Supervisor supervisor = started(kit, SupervisorSpec.builder("app")
                .child(ChildSpec.actor("worker", DeadLetterAndSupervisionProbeTest::fragile)).build());
        ActorRef<String> worker = supervisor.<String>child("worker").orElseThrow();
        kit.deadLetters().allow(DeadLetterReason.FAILED);

        worker.tell("boom");
        worker.tell("boom");
        kit.awaitAssert(() -> assertThat(kit.events().events(RuntimeEvent.ChildRestarted.class)).hasSize(2));

        RuntimeEvent first = kit.supervision().expectRestart(worker);
        RuntimeEvent second = kit.supervision().expectRestart(worker);
        assertThat(((RuntimeEvent.ChildRestarted) first).restarts()).isEqualTo(1);
        assertThat(((RuntimeEvent.ChildRestarted) second).restarts()).isEqualTo(2);
    }

    @Test
    void aNegativeDeadLetterCountIsRefused(ActorTestKit kit) {
        assertThatThrownBy(() -> kit.deadLetters().expect(DeadLetterReason.STOPPED, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot expect a negative number of dead letters: -1");
    }

    @Test
    void expectsARestartOfAnUnsupervisedActorThatAskedForIt(ActorTestKit kit) {
        ActorRef<String> actor = kit.spawn("self-healing", () -> new Actor<String>() {
            @Override
            public void onMessage(String message, dev.rt.ActorContext<String> ctx) {
                throw new IllegalStateException(message);
            }

            @Override
            public FailureAction onFailure(Throwable error, String message) {
                return FailureAction.RESTART;
            }
        });
        actor.tell("boom");
        kit.supervision().expectRestart(actor);
        assertThat(kit.supervision().expectFailure(actor).action()).isEqualTo(FailureAction.RESTART);
        kit.deadLetters().expect(DeadLetterReason.FAILED);
    }

    @Test
    void expectsAnEscalationWhenANestedSupervisorGivesUp(ActorTestKit kit) {
        Supervisor root = started(kit, SupervisorSpec.builder("root")
                .child(ChildSpec.supervisor(SupervisorSpec.builder("inner").intensity(0, Duration.ofSeconds(5))
                        .child(ChildSpec.actor("worker", DeadLetterAndSupervisionProbeTest::fragile)).build()))
                .build());
        ActorRef<String> worker = kit.system().<String>lookup("/user/root/inner/worker").orElseThrow();

        worker.tell("boom");

        RuntimeEvent.Escalated escalated = kit.supervision().expectEscalation();
        assertThat(escalated.actor().path()).isEqualTo("/user/root/inner");
        kit.supervision().expectGaveUp("/user/root/inner");
        kit.deadLetters().allow(DeadLetterReason.FAILED);
        assertThat(root.path()).isEqualTo("/user/root");
    }

    @Test
    void saysWhichSupervisionEventsHappenedInstead() {
        // a short expect timeout, as the expectations here must run out
        TestKitSettings quick = new TestKitSettings(1, Duration.ofMillis(300), Duration.ofMillis(100),
                Duration.ofSeconds(10));
        try (ActorTestKit kit = ActorTestKit.builder().settings(quick).build()) {
            Supervisor supervisor = started(kit, SupervisorSpec.builder("app")
                    .child(ChildSpec.actor("worker", DeadLetterAndSupervisionProbeTest::fragile)).build());
            ActorRef<String> worker = supervisor.<String>child("worker").orElseThrow();

            assertThatThrownBy(() -> kit.supervision().expectEscalation(worker))
                    .hasMessage("expected an escalation from /user/app/worker within 300 ms, but it did not happen; "
                            + "supervision events so far: none");
            worker.tell("boom");
            kit.supervision().expectRestart(worker);
            kit.deadLetters().expect(DeadLetterReason.FAILED);
            assertThatThrownBy(() -> kit.supervision().expectRestart(worker))
                    .hasMessageContaining("expected a restart of /user/app/worker (restart #2) within 300 ms")
                    .hasMessageContaining("ChildRestarted /user/app/worker");
        }
    }
}
