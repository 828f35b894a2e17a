package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.FailureAction;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.remote.nats.TestMessages.Job;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At-least-once and exactly-once messages to services, through JetStream on a real nats-server. */
class DurableDeliveryTest {

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

    /** Counts handling per key; fails the first attempt of every message when asked to. */
    private static final class Handler<M> implements dev.rt.Actor<M> {
        private final Map<Object, AtomicInteger> attempts;
        private final Map<Object, AtomicInteger> handled;
        private final java.util.function.Function<M, Object> key;
        private final int failures;

        Handler(Map<Object, AtomicInteger> attempts, Map<Object, AtomicInteger> handled,
                java.util.function.Function<M, Object> key, int failures) {
            this.attempts = attempts;
            this.handled = handled;
            this.key = key;
            this.failures = failures;
        }

        @Override
        public void onMessage(M message, ActorContext<M> ctx) {
            Object k = key.apply(message);
            int attempt = attempts.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalStateException("attempt " + attempt + " of " + k + " fails");
            }
            handled.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public FailureAction onFailure(Throwable error, M message) {
            return FailureAction.RESTART;
        }
    }

    private long messagesInStream() throws Exception {
        try (Connection raw = Nats.connect(server.url())) {
            return raw.jetStreamManagement().getStreamInfo("RT_" + cluster.cluster()).getStreamState().getMsgCount();
        }
    }

    @Test
    void atLeastOnceMessagesAreRedeliveredAfterAFailureAndAcknowledgedOnceHandled() throws Exception {
        Map<Object, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<Object, AtomicInteger> handled = new ConcurrentHashMap<>();
        NatsRemoting worker = cluster.start("worker");
        worker.spawnService("work", () -> new Handler<Work>(attempts, handled, Work::id, 1));

        ActorRef<Work> work = sender.service("work");
        for (int i = 0; i < 50; i++) {
            work.tell(new Work(i));
        }

        await().atMost(WAIT).until(() -> handled.size() == 50);
        assertThat(attempts.values()).allSatisfy(a -> assertThat(a.get()).isEqualTo(2));
        await().atMost(WAIT).until(() -> messagesInStream() == 0); // acknowledged: the work queue is empty
        assertThat(worker.system().deadLetters().count(DeadLetterReason.FAILED)).isZero();
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredAfterTheMaximumAndNotRedeliveredAgain() throws Exception {
        Map<Object, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<Object, AtomicInteger> handled = new ConcurrentHashMap<>();
        NatsRemoting worker = cluster.start("worker");
        worker.spawnService("work", () -> new Handler<Work>(attempts, handled, Work::id, Integer.MAX_VALUE));

        sender.<Work>service("work").tell(new Work(7));

        await().atMost(WAIT).until(() -> worker.system().deadLetters().count(DeadLetterReason.FAILED) == 1);
        await().atMost(WAIT).until(() -> messagesInStream() == 0); // terminated, not waiting for redelivery
        assertThat(attempts.get(7).get()).isEqualTo(worker.system().maxDeliveryAttempts());
        assertThat(handled).isEmpty();
    }

    @Test
    void messagesWaitInTheStreamUntilANodeOffersTheServiceAgain() throws Exception {
        for (int i = 0; i < 20; i++) {
            sender.<Work>service("later").tell(new Work(i));
        }
        await().atMost(WAIT).until(() -> messagesInStream() == 20);

        Map<Object, AtomicInteger> handled = new ConcurrentHashMap<>();
        NatsRemoting restarted = cluster.start("restarted");
        restarted.spawnService("later", () -> new Handler<Work>(new ConcurrentHashMap<>(), handled, Work::id, 0));

        await().atMost(WAIT).until(() -> handled.size() == 20);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void exactlyOnceMessagesAreHandledOnceUnderRetriesAndRedeliveries() throws Exception {
        Map<Object, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<Object, AtomicInteger> handled = new ConcurrentHashMap<>();
        NatsRemoting worker = cluster.start("worker");
        worker.spawnService("jobs", () -> new Handler<Job>(attempts, handled, Job::id, 1));
        ActorRef<Job> jobs = sender.service("jobs");

        for (int retry = 0; retry < 3; retry++) { // a sender that retries every message three times
            for (int i = 0; i < 30; i++) {
                jobs.tell(new Job("job-" + i));
            }
        }
        await().atMost(WAIT).until(() -> handled.size() == 30);

        // A copy that slips past the stream's dedup (published without a message id) reaches the node again:
        // the receiver's window recognises the id and acknowledges it without handling it.
        byte[] copy = new Frame("jobs", 0, "Job", "", DeliveryGuarantee.EXACTLY_ONCE, 0, "job-3",
                "{\"id\":\"job-3\"}".getBytes(StandardCharsets.UTF_8)).encode();
        try (Connection raw = Nats.connect(server.url())) {
            raw.jetStream().publish("rt." + cluster.cluster() + ".d.jobs", copy);
        }

        await().atMost(WAIT).until(() -> worker.stats().duplicates() == 1);
        assertThat(worker.system().deadLetters().count(DeadLetterReason.DUPLICATE)).isEqualTo(1);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(handled).hasSize(30);
        await().atMost(WAIT).until(() -> messagesInStream() == 0);
    }
}
