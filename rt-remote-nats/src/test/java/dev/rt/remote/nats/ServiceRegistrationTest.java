package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offering a service is all or nothing, and one name is offered once per node even under races. */
class ServiceRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static NatsTestServer server;

    private TestNodes cluster;
    private NatsRemoting node;

    @BeforeAll
    static void startServer() {
        server = NatsTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startNode() {
        cluster = new TestNodes(server.url());
        node = cluster.start("node");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aServiceWhoseConsumerJetStreamRefusesLeavesNoSubscriptionAndNoActorBehind() throws Exception {
        // A push consumer of the same durable name: JetStream refuses to turn it into our pull consumer.
        try (Connection raw = Nats.connect(server.url())) {
            raw.jetStreamManagement().addOrUpdateConsumer("RT_" + cluster.cluster(), ConsumerConfiguration.builder()
                    .durable("svc_orders").filterSubject("rt." + cluster.cluster() + ".d.orders")
                    .deliverSubject("elsewhere").ackPolicy(AckPolicy.Explicit).build());
        }

        assertThatThrownBy(() -> node.spawnService("orders", () -> (Work w, ActorContext<Work> ctx) -> { }))
                .isInstanceOf(NatsRemotingException.class);

        assertThat(node.services()).doesNotContain("orders");
        await().atMost(WAIT).until(() -> node.system().lookup("/user/orders").isEmpty());
        ActorRef<Work> other = node.system().spawn("other", () -> (Work w, ActorContext<Work> ctx) -> { });
        node.registerService("orders", other); // the name is free again
        assertThat(node.services()).containsExactly("orders");
    }

    @Test
    void twoCallersRacingToOfferOneNameGetItOnce() throws Exception {
        ActorRef<Work> handler = node.system().spawn("handler", () -> (Work w, ActorContext<Work> ctx) -> { });
        // Two threads of its own: the common pool may have a single worker on a small machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            race(handler, threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private void race(ActorRef<Work> handler, ExecutorService threads) throws Exception {
        for (int round = 0; round < 30; round++) {
            String name = "race" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<Boolean>> callers = new ArrayList<>();
            for (int caller = 0; caller < 2; caller++) {
                callers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                        node.registerService(name, handler);
                        return true;
                    } catch (IllegalStateException alreadyOffered) {
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
            long winners = 0;
            for (CompletableFuture<Boolean> caller : callers) {
                winners += caller.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).as("round %d", round).isEqualTo(1);
        }
    }
}
