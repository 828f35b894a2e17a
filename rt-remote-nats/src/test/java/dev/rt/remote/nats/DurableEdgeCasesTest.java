package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.DeliveryGuarantee;
import dev.rt.FailureAction;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The durable path never drops a message silently: slow handlers, the last delivery, lost acks, bad frames. */
class DurableEdgeCasesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static NatsTestServer server;

    private TestNodes cluster;
    private NatsRemoting sender;

    @BeforeAll
    static void startServer() {
        server = NatsTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startSender() {
        cluster = new TestNodes(server.url());
        sender = cluster.start("sender");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private long messagesInStream() throws Exception {
        try (Connection raw = Nats.connect(server.url())) {
            return raw.jetStreamManagement().getStreamInfo("RT_" + cluster.cluster()).getStreamState().getMsgCount();
        }
    }

    private static void count(Map<Integer, AtomicInteger> counts, int id) {
        counts.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void messagesQueuedLongerThanTheAckWaitAreNotRedeliveredMeanwhile() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<Integer, AtomicInteger> handled = new ConcurrentHashMap<>();
        NatsRemoting worker = cluster.start("worker", b -> b.ackWait(Duration.ofSeconds(1)));
        worker.spawnService("slow", () -> new dev.rt.Actor<Work>() {
            @Override
            public void onMessage(Work work, ActorContext<Work> ctx) throws InterruptedException {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS); // the handler is busy until the test lets go
                count(handled, work.id());
            }
        });
        for (int i = 0; i < 5; i++) {
            sender.<Work>service("slow").tell(new Work(i));
        }

        // Three ack waits pass with one message in the handler and four in the mailbox: none comes again.
        await().atMost(WAIT).until(() -> messagesInStream() == 5);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> worker.stats().redeliveries() == 0);
        release.countDown();

        await().atMost(WAIT).until(() -> handled.size() == 5);
        await().atMost(WAIT).until(() -> messagesInStream() == 0);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(worker.stats().redeliveries()).isZero();
    }

    @Test
    void aMessageNotHandledOnJetStreamsLastDeliveryIsAFailedDeadLetterAndTerminated() throws Exception {
        NatsRemoting worker = cluster.start("worker", b -> b.maxDeliver(1));
        CountDownLatch failOnce = new CountDownLatch(1);
        worker.spawnService("fragile", () -> new dev.rt.Actor<Work>() {
            @Override
            public void onMessage(Work work, ActorContext<Work> ctx) {
                failOnce.countDown();
                throw new IllegalStateException("gives up on " + work);
            }

            @Override
            public FailureAction onFailure(Throwable error, Work message) {
                return FailureAction.STOP; // the rest of its mailbox, and later messages, are STOPPED dead letters
            }
        });
        for (int i = 0; i < 10; i++) {
            sender.<Work>service("fragile").tell(new Work(i));
        }

        // JetStream will not deliver any of them again: each one is a FAILED dead letter, none stays behind.
        await().atMost(WAIT).until(() -> worker.system().deadLetters().count(DeadLetterReason.FAILED) == 10);
        await().atMost(WAIT).until(() -> messagesInStream() == 0);
    }

    @Test
    void anAcknowledgementThatCannotBeSentDoesNotRunTheHandlerAgain() throws Exception {
        Connection own = Nats.connect(server.url());
        AtomicInteger attempts = new AtomicInteger();
        NatsRemoting worker = cluster.start("worker", b -> b.connection(own));
        worker.spawnService("closing", () -> new dev.rt.Actor<Work>() {
            @Override
            public void onMessage(Work work, ActorContext<Work> ctx) throws InterruptedException {
                attempts.incrementAndGet();
                own.close(); // handled; the ack that follows has no connection left
            }

            @Override
            public FailureAction onFailure(Throwable error, Work message) {
                return FailureAction.RESTART;
            }
        });

        sender.<Work>service("closing").tell(new Work(1));

        await().atMost(WAIT).until(() -> worker.stats().acknowledgementFailures() == 1);
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(worker.system().deadLetters().count(DeadLetterReason.FAILED)).isZero();
    }

    @Test
    void aBadSenderRefIsACodecErrorOnTheCoreAndTheDurablePath() throws Exception {
        NatsRemoting worker = cluster.start("worker");
        AtomicInteger handled = new AtomicInteger();
        worker.spawnService("svc", () -> (Work work, ActorContext<Work> ctx) -> handled.incrementAndGet());
        byte[] core = new Frame("/user/svc", 0, "Work", "@not a token!", DeliveryGuarantee.AT_MOST_ONCE, 0, "",
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8)).encode();
        byte[] durable = new Frame("svc", 0, "Work", "@not a token!", DeliveryGuarantee.AT_LEAST_ONCE, 0, "",
                "{\"id\":2}".getBytes(StandardCharsets.UTF_8)).encode();
        try (Connection raw = Nats.connect(server.url())) {
            raw.publish("rt." + cluster.cluster() + ".n.worker", core);
            raw.jetStream().publish("rt." + cluster.cluster() + ".d.svc", durable);
        }

        await().atMost(WAIT).until(() -> worker.system().deadLetters().count(DeadLetterReason.CODEC_ERROR) == 2);
        await().atMost(WAIT).until(() -> messagesInStream() == 0); // terminated, not redelivered forever
        assertThat(worker.stats().codecErrors()).isEqualTo(2);
        assertThat(worker.stats().redeliveries()).isZero();
        assertThat(handled.get()).isZero();
    }
}
