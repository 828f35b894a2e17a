package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.remote.nats.TestMessages.Ping;
import dev.rt.remote.nats.TestMessages.Pong;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages too large for NATS or for a frame are typed codec errors at once, never retried or lost. */
class PayloadLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static NatsTestServer server;

    private TestNodes cluster;
    private NatsRemoting a;
    private NatsRemoting b;

    @BeforeAll
    static void startServer() {
        server = NatsTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startNodes() {
        cluster = new TestNodes(server.url());
        a = cluster.start("node-a");
        b = cluster.start("node-b");
        b.system().spawn("sink", () -> (Ping ping, ActorContext<Ping> ctx) -> { });
        b.spawnService("pings", () -> (Ping ping, ActorContext<Ping> ctx) -> { });
        await().atMost(WAIT).until(() -> a.members().size() == 2 && a.isOffered("pings"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aMessageOverTheServersMaxPayloadIsACodecErrorOnEveryPath() throws Exception {
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        a.system().deadLetters().subscribe(letters::add);
        String huge = "x".repeat(2 * 1024 * 1024); // the server's default limit is 1 MiB
        ActorRef<Ping> sink = a.ref("node-b", "/user/sink");
        ActorRef<Ping> service = a.service("pings");

        sink.tell(new Ping(huge, null));
        service.tell(new Ping(huge, null), null, DeliveryGuarantee.AT_LEAST_ONCE);
        CompletableFuture<Pong> asked = sink.ask(reply -> new Ping(huge, reply), WAIT);

        assertThatThrownBy(() -> asked.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(MessageTooLargeException.class);
        assertThat(letters).hasSize(3).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetterReason.CODEC_ERROR);
            assertThat(letter.detail()).contains("at most " + 1024 * 1024);
        });
        assertThat(a.stats().codecErrors()).isEqualTo(3);
        assertThat(a.stats().undeliverable()).isZero();
        assertThat(a.stats().sent()).isZero();
    }

    @Test
    void aFrameStringLongerThanItsLengthFieldIsRejectedNotTruncated() {
        String longPath = "/" + "p".repeat(Frame.MAX_STRING_BYTES);
        Frame frame = new Frame(longPath, 0, "Ping", "", DeliveryGuarantee.AT_MOST_ONCE, 0, "", new byte[0]);

        assertThatThrownBy(frame::encode).isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("target").hasMessageContaining(String.valueOf(Frame.MAX_STRING_BYTES + 1));

        ActorRef<Ping> far = a.ref("node-b", longPath);
        far.tell(new Ping("hi", null));
        assertThat(a.system().deadLetters().count(DeadLetterReason.CODEC_ERROR)).isEqualTo(1);
    }
}
