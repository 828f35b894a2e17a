package dev.rt.tests;

import static dev.rt.tests.TestSupport.LONG;
import static dev.rt.tests.TestSupport.eventually;
import static dev.rt.tests.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.AskTimeoutException;
import dev.rt.FailureAction;
import dev.rt.MailboxConfig;
import dev.rt.MailboxConfig.Backpressure;
import dev.rt.OfferResult;
import dev.rt.SpawnOptions;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.DeadLetterProbe;
import dev.rt.test.TestProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Gate;
import dev.rt.tests.TestSupport.Recorder;
import dev.rt.tests.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every dead-letter reason the engine produces, the counters and the listeners. */
@ActorTest
class DeadLettersTest {

    private ActorTestKit kit;

    private ActorSystem system;
    private DeadLetterProbe deadLetters;
    private final Gate gate = new Gate();

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        // every test here checks the dead letters it causes through deadLetters.withReason(...) and all()
        deadLetters = kit.deadLetters().allowAll();
    }

    @AfterEach
    void tearDown() {
        gate.open();
    }

    @Test
    void replyingWhenThereIsNoSenderIsANoSenderDeadLetter() {
        ActorRef<Object> replier = system.spawn("replier", () -> (message, ctx) -> ctx.sender().tell("reply",
                ctx.self()));

        replier.tell("question");

        List<DeadLetter> letters = deadLetters.expect(DeadLetterReason.NO_SENDER, 1);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("reply");
            assertThat(letter.sender()).isEqualTo(replier.address());
            assertThat(letter.recipient().path()).isEqualTo("/no-sender");
        });
        assertThat(system.deadLetters().count(DeadLetterReason.NO_SENDER)).isEqualTo(1);
    }

    @Test
    void aTellToAStoppedActorIsAStoppedDeadLetterAndDoesNotThrow() {
        ActorRef<Object> ref = system.spawn("stopped", ScriptActor::new);
        system.stop(ref);
        eventually().until(() -> system.lookup("/user/stopped").isEmpty());
        TestProbe<Object> sender = kit.createProbe("sender");

        assertThatCode(() -> ref.tell("after stop", sender)).doesNotThrowAnyException();
        assertThat(ref.offer("offered after stop")).isEqualTo(OfferResult.DEAD);

        assertThat(deadLetters.withReason(DeadLetterReason.STOPPED)).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("after stop");
            assertThat(letter.recipient()).isEqualTo(ref.address());
            assertThat(letter.sender()).isEqualTo(sender.address());
            assertThat(letter.detail()).isNotBlank();
        });
    }

    @Test
    void messagesStillQueuedWhenAnActorStopsAreStoppedDeadLetters() {
        Recorder<Object> handled = new Recorder<>();
        ActorRef<Object> ref = system.spawn("queued", () -> new ScriptActor(handled));
        ref.tell(gate);
        gate.awaitEntered();
        for (int i = 1; i <= 5; i++) {
            ref.tell("m" + i);
        }

        system.stop(ref);
        gate.open();

        deadLetters.expect(DeadLetterReason.STOPPED, 5);
        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(handled.snapshot()).isEmpty();
    }

    @Test
    void aFullMailboxProducesMailboxFullDeadLetters() {
        ActorRef<Object> ref = system.spawn("small", ScriptActor::new,
                SpawnOptions.defaults().withMailbox(MailboxConfig.bounded(1, Backpressure.DROP_NEWEST)));
        ref.tell(gate);
        gate.awaitEntered();

        ref.tell("kept");
        ref.tell("dropped");

        assertThat(deadLetters.messages(DeadLetterReason.MAILBOX_FULL)).containsExactly("dropped");
        assertThat(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isEqualTo(1);
    }

    @Test
    void aMessageWhoseTimeToLiveRunsOutInTheMailboxIsAnExpiredDeadLetter() {
        Recorder<Object> handled = new Recorder<>();
        ActorRef<Object> ref = system.spawn("slow", () -> new ScriptActor(handled));
        ref.tell(gate);
        gate.awaitEntered();
        TestProbe<Object> sender = kit.createProbe("sender");
        Duration ttl = Duration.ofMillis(20);

        long sentAt = System.nanoTime();
        ref.tell("short-lived", sender, ttl);
        ref.tell("long-lived", sender, Duration.ofMinutes(1));
        ref.tell("plain");
        // The time to live is the behaviour under test: let it run out while the actor is held.
        eventually().until(() -> System.nanoTime() - sentAt > 2 * ttl.toNanos());
        gate.open();

        assertThat(handled.awaitSize(2)).containsExactly("long-lived", "plain");
        assertThat(deadLetters.withReason(DeadLetterReason.EXPIRED)).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("short-lived");
            assertThat(letter.sender()).isEqualTo(sender.address());
            assertThat(letter.recipient()).isEqualTo(ref.address());
        });
    }

    @Test
    void aMessageWhoseHandlerThrowsIsAFailedDeadLetter() {
        ActorRef<Object> ref = system.spawn("thrower", () -> new ScriptActor() {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                throw new IllegalStateException("cannot handle " + message);
            }

            @Override
            public FailureAction onFailure(Throwable error, Object message) {
                return FailureAction.RESUME;
            }
        });
        TestProbe<Object> sender = kit.createProbe("sender");

        ref.tell("poison", sender);

        assertThat(deadLetters.expect(DeadLetterReason.FAILED, 1)).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("poison");
            assertThat(letter.sender()).isEqualTo(sender.address());
            assertThat(letter.recipient()).isEqualTo(ref.address());
            assertThat(letter.detail()).contains("IllegalStateException").contains("cannot handle poison");
        });
    }

    @Test
    void aReplyAfterAnAskTimedOutIsATimedOutDeadLetter() {
        AtomicReference<ActorRef<Object>> replyTo = new AtomicReference<>();
        ActorRef<Object> ref = system.spawn("late", () -> (message, ctx) -> {
            if (message instanceof ActorRef<?>) {
                @SuppressWarnings("unchecked")
                ActorRef<Object> r = (ActorRef<Object>) message;
                replyTo.set(r);
            } else {
                replyTo.get().tell("too late");
            }
        });
        CompletableFuture<Object> reply = ref.ask(r -> r, Duration.ofMillis(100));
        assertThat(failure(reply)).isInstanceOf(AskTimeoutException.class);

        ref.tell("now");

        assertThat(deadLetters.expect(DeadLetterReason.TIMED_OUT, 1)).extracting(DeadLetter::message)
                .containsExactly("too late");
    }

    @Test
    void thereIsNoActorAtAnUnknownPath() {
        assertThat(system.lookup("/user/missing")).isEmpty();
        assertThat(system.lookup("/user")).isEmpty();
        assertThat(system.lookup("/elsewhere/missing")).isEmpty();
        assertThat(system.lookup("")).isEmpty();
        assertThat(system.deadLetters().count(DeadLetterReason.NO_SUCH_ACTOR)).isZero();
    }

    @Test
    void countsByReasonMatchWhatListenersReceive() {
        ActorRef<Object> replier = system.spawn("replier", () -> (message, ctx) -> ctx.sender().tell("reply"));
        ActorRef<Object> gone = system.spawn("gone", ScriptActor::new);
        system.stop(gone);
        eventually().until(() -> system.lookup("/user/gone").isEmpty());

        replier.tell("q1");
        replier.tell("q2");
        gone.tell("x1");
        gone.tell("x2");
        gone.tell("x3");

        eventually().until(() -> deadLetters.all().size() == 5);
        Map<DeadLetterReason, Long> counts = system.deadLetters().counts();
        assertThat(counts).containsOnlyKeys(DeadLetterReason.values());
        assertThat(counts.get(DeadLetterReason.NO_SENDER)).isEqualTo(2);
        assertThat(counts.get(DeadLetterReason.STOPPED)).isEqualTo(3);
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isEqualTo(3);
        assertThat(system.deadLetters().total()).isEqualTo(5);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            assertThat(system.deadLetters().count(reason)).as(reason.name())
                    .isEqualTo(deadLetters.withReason(reason).size());
        }
    }

    @Test
    void aThrowingListenerIsCountedAndBreaksNothing() throws Exception {
        Recorder<Object> received = new Recorder<>();
        AutoCloseable throwing = system.deadLetters().subscribe(letter -> {
            throw new IllegalStateException("listener bug");
        });
        AutoCloseable recording = system.deadLetters().subscribe(letter -> received.add(letter.message()));
        ActorRef<Object> gone = system.spawn("gone", ScriptActor::new);
        system.stop(gone);
        eventually().until(() -> system.lookup("/user/gone").isEmpty());

        assertThatCode(() -> {
            gone.tell("a");
            gone.tell("b");
        }).doesNotThrowAnyException();
        ActorRef<Object> replier = system.spawn("replier", () -> (message, ctx) -> ctx.sender().tell("reply"));
        replier.tell("q");

        assertThat(received.awaitSize(3)).containsExactlyInAnyOrder("a", "b", "reply");
        assertThat(system.deadLetters().listenerErrors()).isEqualTo(3);
        assertThat(system.deadLetters().total()).isEqualTo(3);
        ActorRef<Object> alive = system.spawn("alive", ScriptActor::new);
        assertThat(TestSupport.<String>call(alive, ctx -> "fine")).isEqualTo("fine");

        throwing.close();
        recording.close();
        gone.tell("c");
        assertThat(system.deadLetters().total()).isEqualTo(4);
        assertThat(system.deadLetters().listenerErrors()).as("unsubscribed").isEqualTo(3);
        assertThat(received.snapshot()).as("unsubscribed").hasSize(3);
    }

    @Test
    void subscribeRejectsNull() {
        assertThatThrownBy(() -> system.deadLetters().subscribe(null)).isInstanceOf(NullPointerException.class);
        ActorRef<Object> alive = system.spawn("alive", ScriptActor::new);
        assertThat(TestSupport.<String>call(alive, ctx -> "fine")).isEqualTo("fine");
    }

    @Test
    void aSecondReplyToAnAskIsAnAlreadyAnsweredDeadLetter() {
        ActorRef<Object> twice = system.spawn("twice", () -> (message, ctx) -> {
            ctx.sender().tell("one");
            ctx.sender().tell("two");
        });
        assertThat(TestSupport.<Object>result(twice.ask(r -> "q", LONG))).isEqualTo("one");
        assertThat(deadLetters.expect(DeadLetterReason.ALREADY_ANSWERED, 1)).extracting(DeadLetter::message)
                .containsExactly("two");
        assertThat(TestSupport.<String>call(system.spawn("after", ScriptActor::new), ctx -> "ok")).isEqualTo("ok");
    }
}
