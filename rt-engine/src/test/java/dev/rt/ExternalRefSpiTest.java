package dev.rt;

import static dev.rt.TestSupport.LONG;
import static dev.rt.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.TestSupport.DeadLetterRecorder;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hooks for refs that live outside the engine (remote transports): ask through any ref, report dead letters. */
class ExternalRefSpiTest {

    private ActorSystem system;
    private DeadLetterRecorder deadLetters;

    @BeforeEach
    void start() {
        system = ActorSystem.create(TestSupport.uniqueName("external-ref"));
        deadLetters = DeadLetterRecorder.attach(system);
    }

    @AfterEach
    void stop() {
        system.terminate(LONG);
    }

    /** Answers every request at once with its text upper-cased, as a transport delivering to a remote actor would. */
    private record EchoRef(ActorAddress address) implements ActorRef<String> {
        @Override
        public void tell(String message) {
            throw new UnsupportedOperationException("a request needs a reply ref");
        }

        @Override
        @SuppressWarnings("unchecked")
        public void tell(String message, ActorRef<?> sender) {
            if (message.equals("boom")) {
                throw new IllegalStateException("cannot encode boom");
            }
            ((ActorRef<String>) sender).tell(message.toUpperCase());
        }

        @Override
        public void tell(String message, ActorRef<?> sender, Duration timeToLive) {
            tell(message, sender);
        }

        @Override
        public void tell(String message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
            tell(message, sender);
        }

        @Override
        public OfferResult offer(String message) {
            return OfferResult.DEAD;
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends String> request, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends String> request) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void askThroughAnExternalRefCompletesWithTheFirstReply() {
        EchoRef echo = new EchoRef(new ActorAddress("elsewhere", "/user/echo", 1));

        CompletableFuture<String> reply = system.ask(echo, replyTo -> "hello", Duration.ofSeconds(5));

        assertThat(reply.join()).isEqualTo("HELLO");
    }

    @Test
    void askFailsWithWhatTheExternalTellThrew() {
        EchoRef echo = new EchoRef(new ActorAddress("elsewhere", "/user/echo", 1));

        CompletableFuture<String> reply = system.ask(echo, replyTo -> "boom", Duration.ofSeconds(5));

        assertThat(failure(reply)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot encode");
    }

    @Test
    void askChecksItsArguments() {
        assertThatThrownBy(() -> system.ask(null, r -> "x", Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
        EchoRef echo = new EchoRef(new ActorAddress("elsewhere", "/user/echo", 1));
        assertThatThrownBy(() -> system.ask(echo, r -> "x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportedDeadLetterIsCountedAndPublishedWithItsReason() {
        ActorAddress remote = new ActorAddress("shop@node-2", "/user/orders", 7);

        system.deadLetters().report("payload", null, remote, DeadLetterReason.CODEC_ERROR, "type not registered");
        system.deadLetters().report("other", null, remote, DeadLetterReason.UNREACHABLE, null);

        assertThat(deadLetters.awaitCount(DeadLetterReason.CODEC_ERROR, 1)).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo("payload");
            assertThat(letter.recipient()).isEqualTo(remote);
            assertThat(letter.detail()).isEqualTo("type not registered");
        });
        assertThat(deadLetters.awaitCount(DeadLetterReason.UNREACHABLE, 1)).extracting(DeadLetter::detail)
                .containsExactly("");
        assertThat(system.deadLetters().count(DeadLetterReason.CODEC_ERROR)).isEqualTo(1);
        assertThat(system.deadLetters().total()).isEqualTo(2);
    }

    @Test
    void aReportNeedsMessageRecipientAndReason() {
        ActorAddress remote = new ActorAddress("shop@node-2", "/user/orders", 7);
        assertThatThrownBy(() -> system.deadLetters().report(null, null, remote, DeadLetterReason.UNREACHABLE, ""))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> system.deadLetters().report("m", null, null, DeadLetterReason.UNREACHABLE, ""))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> system.deadLetters().report("m", null, remote, null, ""))
                .isInstanceOf(NullPointerException.class);
    }
}
