package dev.rt.tests;

import static dev.rt.tests.TestSupport.LONG;
import static dev.rt.tests.TestSupport.eventually;
import static dev.rt.tests.TestSupport.failure;
import static dev.rt.tests.TestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorStoppedException;
import dev.rt.ActorSystem;
import dev.rt.AskTimeoutException;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.DeadLetterProbe;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request-response with {@link ActorRef#ask}. */
@ActorTest
class AskTest {

    private ActorTestKit kit;

    private ActorSystem system;
    private DeadLetterProbe deadLetters;

    record Echo(String text, ActorRef<String> replyTo) {
    }

    /** The actor keeps the reply ref and answers only when told {@link #REPLY_NOW}. */
    record Hold(ActorRef<String> replyTo) {
    }

    static final String REPLY_NOW = "reply-now";

    static final class Holder implements Actor<Object> {
        private ActorRef<String> held;

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Hold hold) {
                held = hold.replyTo();
            } else if (REPLY_NOW.equals(message)) {
                held.tell("late");
            }
        }
    }

    static final class Echoer implements Actor<Object> {
        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Echo echo) {
                echo.replyTo().tell(echo.text());
            }
        }
    }

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        deadLetters = kit.deadLetters();
    }

    @Test
    void askCompletesWithTheReply() {
        ActorRef<Object> echo = system.spawn("echo", Echoer::new);
        CompletableFuture<String> reply = echo.ask(replyTo -> new Echo("hello", replyTo), LONG);
        assertThat(result(reply)).isEqualTo("hello");
        assertThat(deadLetters.all()).isEmpty();
    }

    @Test
    void theReplyRefIsAlsoTheSenderOfTheRequest() {
        ActorRef<Object> echo = system.spawn("sender-echo", () -> (message, ctx) -> ctx.sender().tell("via sender"));
        CompletableFuture<String> reply = echo.ask(replyTo -> "anything", LONG);
        assertThat(result(reply)).isEqualTo("via sender");
    }

    @Test
    void askToAnActorThatNeverRepliesTimesOutNamingTheTarget() {
        ActorRef<Object> silent = system.spawn("silent", () -> (message, ctx) -> { });
        CompletableFuture<String> reply = silent.ask(Hold::new, Duration.ofMillis(150));

        Throwable cause = failure(reply);
        assertThat(cause).isInstanceOf(AskTimeoutException.class)
                .hasMessageContaining("/user/silent")
                .hasMessageContaining("150 ms")
                .hasMessageContaining("Hold");
    }

    @Test
    void aReplyAfterTheTimeoutBecomesATimedOutDeadLetter() {
        ActorRef<Object> holder = system.spawn("holder", Holder::new);
        CompletableFuture<String> reply = holder.ask(Hold::new, Duration.ofMillis(150));
        assertThat(failure(reply)).isInstanceOf(AskTimeoutException.class);

        holder.tell(REPLY_NOW);

        List<DeadLetter> timedOut = deadLetters.expect(DeadLetterReason.TIMED_OUT, 1);
        assertThat(timedOut).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("late");
            assertThat(letter.recipient().path()).startsWith("/temp/ask-");
        });
        assertThat(system.deadLetters().count(DeadLetterReason.TIMED_OUT)).isEqualTo(1);
        assertThat(reply.isCompletedExceptionally()).as("the late reply does not complete the future").isTrue();
    }

    @Test
    void aSecondReplyIsAnAlreadyAnsweredDeadLetter() {
        ActorRef<Object> twice = system.spawn("twice", () -> (message, ctx) -> {
            Echo echo = (Echo) message;
            echo.replyTo().tell("first");
            echo.replyTo().tell("second");
        });
        CompletableFuture<String> reply = twice.ask(replyTo -> new Echo("x", replyTo), LONG);

        assertThat(result(reply)).isEqualTo("first");
        List<DeadLetter> answered = deadLetters.expect(DeadLetterReason.ALREADY_ANSWERED, 1);
        assertThat(answered).extracting(DeadLetter::message).containsExactly("second");
        assertThat(system.deadLetters().count(DeadLetterReason.ALREADY_ANSWERED)).isEqualTo(1);
    }

    @Test
    void askToAStoppedActorFailsFast() {
        ActorRef<Object> gone = system.spawn("gone", Echoer::new);
        system.stop(gone);
        eventually().until(() -> system.lookup("/user/gone").isEmpty());

        CompletableFuture<String> reply = gone.ask(replyTo -> new Echo("hello?", replyTo), LONG);

        assertThat(reply).as("fails at once, not after the 20 s timeout").isCompletedExceptionally();
        assertThat(failure(reply)).isInstanceOf(ActorStoppedException.class).hasMessageContaining("/user/gone");
        assertThat(deadLetters.withReason(DeadLetterReason.STOPPED)).singleElement()
                .satisfies(letter -> assertThat(letter.message()).isInstanceOf(Echo.class));
        kit.deadLetters().expect(DeadLetterReason.STOPPED);
    }

    @Test
    void askWithoutATimeoutUsesTheBuilderDefault() {
        Duration askTimeout = Duration.ofSeconds(30);
        try (ActorTestKit configured = ActorTestKit.builder().manualTime()
                .configure(builder -> builder.askTimeout(askTimeout)).build()) {
            assertThat(configured.system().askTimeout()).isEqualTo(askTimeout);
            ActorRef<Object> silent = configured.spawn("silent", () -> (message, ctx) -> { });

            CompletableFuture<String> reply = silent.ask(Hold::new);
            configured.time().advance(askTimeout.minusMillis(1));
            assertThat(reply).isNotDone();
            configured.time().advance(Duration.ofMillis(1));

            assertThat(failure(reply)).isInstanceOf(AskTimeoutException.class).hasMessageContaining("30000 ms");
        }
    }

    @Test
    void theDefaultAskTimeoutIsFiveSeconds() {
        assertThat(system.askTimeout()).isEqualTo(ActorSystem.DEFAULT_ASK_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRequestFunctionThatFailsOrReturnsNullFailsTheFuture() {
        ActorRef<Object> echo = system.spawn("echo", Echoer::new);

        CompletableFuture<String> throwing = echo.ask(replyTo -> {
            throw new IllegalStateException("cannot build request");
        }, LONG);
        assertThat(failure(throwing)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot build request");

        CompletableFuture<String> nullRequest = echo.ask(replyTo -> null, LONG);
        assertThat(failure(nullRequest)).isInstanceOf(NullPointerException.class);

        assertThat(result(echo.<String>ask(replyTo -> new Echo("still fine", replyTo), LONG)))
                .isEqualTo("still fine");
    }

    @Test
    void manyConcurrentAsksAreEachAnsweredWithTheirOwnReply() {
        ActorRef<Object> echo = system.spawn("echo", Echoer::new);
        List<CompletableFuture<String>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String text = "m" + i;
            replies.add(echo.ask(replyTo -> new Echo(text, replyTo), LONG));
        }
        for (int i = 0; i < replies.size(); i++) {
            assertThat(result(replies.get(i))).isEqualTo("m" + i);
        }
        assertThat(deadLetters.all()).isEmpty();
    }
}
