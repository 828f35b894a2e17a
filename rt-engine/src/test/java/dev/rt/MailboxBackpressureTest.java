package dev.rt;

import static dev.rt.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.MailboxConfig.Backpressure;
import dev.rt.TestSupport.DeadLetterRecorder;
import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.Recorder;
import dev.rt.TestSupport.ScriptActor;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each backpressure strategy of a bounded mailbox. The actor is held inside its handler by a {@link Gate}
 * so the mailbox fills deterministically.
 */
class MailboxBackpressureTest {

    private ActorSystem system;
    private DeadLetterRecorder deadLetters;
    private final Recorder<Object> handled = new Recorder<>();
    private final Gate gate = new Gate();

    @BeforeEach
    void setUp() {
        system = ActorSystem.create(TestSupport.uniqueName("backpressure"));
        deadLetters = DeadLetterRecorder.attach(system);
    }

    @AfterEach
    void tearDown() {
        gate.open();
        system.terminate(Duration.ofSeconds(10));
    }

    /** Spawns a recording actor with the mailbox and holds it at the gate, its mailbox empty. */
    private ActorRef<Object> blockedActor(String name, MailboxConfig mailbox) {
        ActorRef<Object> ref = system.spawn(name, () -> new ScriptActor(handled),
                SpawnOptions.defaults().withMailbox(mailbox));
        ref.tell(gate);
        gate.awaitEntered();
        return ref;
    }

    @Test
    void failRefusesTheNewMessageWithAnExceptionAndADeadLetter() {
        ActorRef<Object> ref = blockedActor("fail", MailboxConfig.bounded(2, Backpressure.FAIL));
        ref.tell("m1");
        ref.tell("m2");

        assertThatThrownBy(() -> ref.tell("m3"))
                .isInstanceOf(MailboxFullException.class)
                .hasMessageContaining("/user/fail")
                .hasMessageContaining("capacity 2");
        assertThat(ref.offer("m4")).isEqualTo(OfferResult.FULL);

        List<DeadLetter> full = deadLetters.withReason(DeadLetterReason.MAILBOX_FULL);
        assertThat(full).extracting(DeadLetter::message).containsExactly("m3");
        assertThat(full.get(0).recipient()).isEqualTo(ref.address());

        gate.open();
        assertThat(handled.awaitSize(2)).containsExactly("m1", "m2");
        eventually().until(() -> system.stats(ref).mailboxDepth() == 0);
        assertThat(ref.offer("m5")).isEqualTo(OfferResult.ACCEPTED);
        assertThat(handled.awaitSize(3)).containsExactly("m1", "m2", "m5");
        assertThat(system.stats(ref).dropped()).isEqualTo(2);
    }

    @Test
    void dropNewestDeadLettersTheNewMessageWithoutThrowing() {
        ActorRef<Object> ref = blockedActor("drop-newest", MailboxConfig.bounded(2, Backpressure.DROP_NEWEST));
        for (int i = 1; i <= 5; i++) {
            ref.tell("m" + i);
        }
        assertThat(ref.offer("m6")).isEqualTo(OfferResult.FULL);

        assertThat(deadLetters.messages(DeadLetterReason.MAILBOX_FULL)).containsExactly("m3", "m4", "m5");

        gate.open();
        assertThat(handled.awaitSize(2)).containsExactly("m1", "m2");
        eventually().until(() -> system.stats(ref).mailboxDepth() == 0);
        assertThat(handled.snapshot()).containsExactly("m1", "m2");
        assertThat(system.stats(ref).dropped()).isEqualTo(4);
    }

    @Test
    void dropOldestEvictsTheOldestQueuedMessageAndKeepsTheNewest() {
        ActorRef<Object> ref = blockedActor("drop-oldest", MailboxConfig.bounded(3, Backpressure.DROP_OLDEST));
        for (int i = 1; i <= 5; i++) {
            ref.tell("m" + i);
        }
        assertThat(deadLetters.messages(DeadLetterReason.MAILBOX_FULL)).containsExactly("m1", "m2");

        assertThat(ref.offer("m6")).as("offer evicts too").isEqualTo(OfferResult.ACCEPTED);
        assertThat(deadLetters.messages(DeadLetterReason.MAILBOX_FULL)).containsExactly("m1", "m2", "m3");
        assertThat(deadLetters.withReason(DeadLetterReason.MAILBOX_FULL))
                .allSatisfy(letter -> assertThat(letter.recipient()).isEqualTo(ref.address()));

        gate.open();
        assertThat(handled.awaitSize(3)).containsExactly("m4", "m5", "m6");
        eventually().until(() -> system.stats(ref).mailboxDepth() == 0);
        assertThat(handled.snapshot()).containsExactly("m4", "m5", "m6");
        assertThat(system.stats(ref).dropped()).isEqualTo(3);
    }

    @Test
    void blockMakesTheSenderWaitForRoomThenSucceeds() throws Exception {
        ActorRef<Object> ref = blockedActor("block", MailboxConfig.boundedBlocking(1, Duration.ofSeconds(30)));
        ref.tell("m1");

        AtomicReference<Thread> senderThread = new AtomicReference<>();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            senderThread.set(Thread.currentThread());
            ref.tell("m2");
        });
        eventually().until(() -> senderThread.get() != null
                && senderThread.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(send).as("the sender waits while the mailbox is full").isNotDone();
        assertThat(ref.offer("m3")).as("offer never waits").isEqualTo(OfferResult.FULL);

        gate.open();
        TestSupport.result(send);
        assertThat(handled.awaitSize(2)).containsExactly("m1", "m2");
        assertThat(deadLetters.all()).isEmpty();
    }

    @Test
    void blockTimesOutWithMailboxFullExceptionWhenTheActorStaysBlocked() {
        Duration blockTimeout = Duration.ofMillis(200);
        ActorRef<Object> ref = blockedActor("block-timeout", MailboxConfig.boundedBlocking(1, blockTimeout));
        ref.tell("m1");

        long start = System.nanoTime();
        assertThatThrownBy(() -> ref.tell("m2"))
                .isInstanceOf(MailboxFullException.class)
                .hasMessageContaining("/user/block-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(blockTimeout);
        assertThat(deadLetters.messages(DeadLetterReason.MAILBOX_FULL)).containsExactly("m2");

        gate.open();
        assertThat(handled.awaitSize(1)).containsExactly("m1");
        eventually().until(() -> system.stats(ref).mailboxDepth() == 0);
        assertThat(handled.snapshot()).containsExactly("m1");
    }

    @Test
    void blockingConfigDefaultsAndValues() {
        MailboxConfig config = MailboxConfig.boundedBlocking(8, Duration.ofMillis(50));
        assertThat(config.kind()).isEqualTo(MailboxConfig.Kind.BOUNDED);
        assertThat(config.backpressure()).isEqualTo(Backpressure.BLOCK);
        assertThat(config.capacity()).isEqualTo(8);
        assertThat(config.blockTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(MailboxConfig.bounded(8, Backpressure.BLOCK).blockTimeout())
                .isEqualTo(MailboxConfig.DEFAULT_BLOCK_TIMEOUT);
    }

    @Test
    void aTellThatFailsOnAFullMailboxDoesNotAffectOtherActors() {
        ActorRef<Object> full = blockedActor("full", MailboxConfig.bounded(1, Backpressure.FAIL));
        full.tell("m1");
        assertThatThrownBy(() -> full.tell("m2")).isInstanceOf(MailboxFullException.class);

        ActorRef<Object> other = system.spawn("other", ScriptActor::new);
        assertThat(TestSupport.<String>call(other, ctx -> "alive")).isEqualTo("alive");
    }
}
