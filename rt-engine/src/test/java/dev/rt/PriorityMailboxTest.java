package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.Recorder;
import dev.rt.TestSupport.ScriptActor;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A priority mailbox hands out messages by {@link MessageInfo#priority()}, FIFO within a level. */
class PriorityMailboxTest {

    @MessageInfo(priority = MessagePriority.CRITICAL)
    record Critical(int n) implements Message {
    }

    @MessageInfo(priority = MessagePriority.HIGH)
    record High(int n) implements Message {
    }

    record Normal(int n) implements Message {
    }

    @MessageInfo(priority = MessagePriority.LOW)
    record Low(int n) implements Message {
    }

    /** Priority inherited from an annotated sealed interface. */
    @MessageInfo(priority = MessagePriority.HIGH)
    sealed interface Urgent extends Message permits Urgent.Alarm, Urgent.Page {
        record Alarm(int n) implements Urgent {
        }

        record Page(int n) implements Urgent {
        }
    }

    private final Gate gate = new Gate();
    private ActorSystem system;

    @AfterEach
    void tearDown() {
        gate.open();
        if (system != null) {
            system.terminate(Duration.ofSeconds(10));
        }
    }

    private ActorRef<Object> blockedPriorityActor(Recorder<Object> handled, SpawnOptions options) {
        ActorRef<Object> ref = system.spawn("prio", () -> new ScriptActor(handled), options);
        ref.tell(gate);
        gate.awaitEntered();
        return ref;
    }

    @Test
    void messagesAreHandledByPriorityAcrossLevelsAndInOrderWithinALevel() {
        system = ActorSystem.create(TestSupport.uniqueName("priority"));
        Recorder<Object> handled = new Recorder<>();
        ActorRef<Object> ref = blockedPriorityActor(handled,
                SpawnOptions.defaults().withMailbox(MailboxConfig.priority()));

        for (int i = 1; i <= 3; i++) {
            ref.tell(new Low(i));
            ref.tell(new Normal(i));
            ref.tell(new High(i));
            ref.tell(new Critical(i));
        }
        gate.open();

        assertThat(handled.awaitSize(12)).containsExactly(
                new Critical(1), new Critical(2), new Critical(3),
                new High(1), new High(2), new High(3),
                new Normal(1), new Normal(2), new Normal(3),
                new Low(1), new Low(2), new Low(3));
    }

    @Test
    void plainObjectsAreNormalAndSealedInterfaceAnnotationsApply() {
        system = ActorSystem.create(TestSupport.uniqueName("priority"));
        Recorder<Object> handled = new Recorder<>();
        ActorRef<Object> ref = blockedPriorityActor(handled,
                SpawnOptions.defaults().withMailbox(MailboxConfig.priority()));

        ref.tell(new Low(1));
        ref.tell("plain-1");
        ref.tell(new Urgent.Alarm(1));
        ref.tell(new Normal(1));
        ref.tell(new Urgent.Page(2));
        ref.tell("plain-2", ref);
        ref.tell(new Critical(1), null, Duration.ofSeconds(30));
        gate.open();

        assertThat(handled.awaitSize(7)).containsExactly(
                new Critical(1), new Urgent.Alarm(1), new Urgent.Page(2),
                "plain-1", new Normal(1), "plain-2", new Low(1));
    }

    @Test
    void theBuilderDefaultMailboxCanBeThePriorityMailbox() {
        system = ActorSystem.builder(TestSupport.uniqueName("priority"))
                .defaultMailbox(MailboxConfig.priority())
                .build();
        Recorder<Object> handled = new Recorder<>();
        ActorRef<Object> ref = system.spawn("prio", () -> new ScriptActor(handled));
        ref.tell(gate);
        gate.awaitEntered();

        ref.tell(new Low(1));
        ref.tell(new High(1));
        gate.open();

        assertThat(handled.awaitSize(2)).containsExactly(new High(1), new Low(1));
    }
}
