package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.remote.nats.TestMessages.Ping;
import dev.rt.remote.nats.TestMessages.Pong;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A NATS cluster of three servers; one is stopped and the nodes carry on through the others. */
class NatsClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(NatsClusterTest.class);

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<NatsTestServer> servers = new ArrayList<>();
    private TestNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
        servers.forEach(NatsTestServer::close);
    }

    private void startCluster() {
        int[] client = {NatsTestServer.freePort(), NatsTestServer.freePort(), NatsTestServer.freePort()};
        int[] route = {NatsTestServer.freePort(), NatsTestServer.freePort(), NatsTestServer.freePort()};
        String routes = java.util.Arrays.stream(route).mapToObj(p -> "nats://127.0.0.1:" + p)
                .collect(Collectors.joining(","));
        List<Thread> starters = new ArrayList<>();
        NatsTestServer[] started = new NatsTestServer[3];
        for (int i = 0; i < 3; i++) {
            int n = i;
            // Started together: a JetStream cluster is ready only once its servers have met.
            Thread starter = new Thread(() -> started[n] = NatsTestServer.startBinary(client[n], List.of(
                    "-n", "s" + n, "--cluster_name", "rt-test", "-cluster", "nats://127.0.0.1:" + route[n],
                    "-routes", routes)));
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            try {
                starter.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (NatsTestServer server : started) {
            assertThat(server).as("a cluster server started").isNotNull();
            servers.add(server);
        }
    }

    private NatsRemoting node(String id, int firstServer) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(servers.get((firstServer + i) % 3).url());
        }
        return nodes.start(id, builder -> builder
                .options(new Options.Builder().servers(order.toArray(String[]::new)).noRandomize()
                        .connectionTimeout(Duration.ofSeconds(5)).reconnectWait(Duration.ofMillis(100))
                        .maxReconnects(-1).build())
                .failureTimeout(Duration.ofSeconds(5))
                .replicas(3));
    }

    @Test
    void nodesCarryOnWhenOneServerOfTheClusterStops() throws Exception {
        startCluster();
        nodes = new TestNodes(servers.get(0).url());
        NatsRemoting a = await().atMost(WAIT).ignoreExceptions().until(() -> node("node-a", 0), n -> true);
        NatsRemoting b = node("node-b", 1);
        b.system().spawn("echo", () -> (Ping ping, ActorContext<Ping> ctx) ->
                ping.replyTo().tell(new Pong(ping.text(), "node-b")));
        Map<Integer, Boolean> handled = new ConcurrentHashMap<>();
        b.spawnService("work", () -> (Work work, ActorContext<Work> ctx) -> handled.put(work.id(), true));
        await().atMost(WAIT).until(() -> a.members().size() == 2 && b.members().size() == 2);
        assertThat(a.connectedUrl()).isEqualTo(servers.get(0).url());

        ActorRef<Ping> echo = a.ref("node-b", "/user/echo");
        assertThat(echo.<Pong>ask(r -> new Ping("before", r), WAIT).get(60, TimeUnit.SECONDS).text())
                .isEqualTo("before");
        ActorRef<Work> work = a.service("work");
        for (int i = 0; i < 50; i++) {
            work.tell(new Work(i));
        }
        await().atMost(WAIT).until(() -> handled.size() == 50);

        servers.get(0).kill(); // node-a's server

        await().atMost(WAIT).until(() -> a.connectedUrl() != null && !a.connectedUrl().equals(servers.get(0).url())
                && a.connectionStatus() == io.nats.client.Connection.Status.CONNECTED);
        Pong after = await().atMost(WAIT).ignoreExceptions()
                .until(() -> echo.<Pong>ask(r -> new Ping("after", r), Duration.ofSeconds(2)).get(), p -> true);
        assertThat(after.text()).isEqualTo("after");
        for (int i = 50; i < 100; i++) {
            work.tell(new Work(i));
        }
        try {
            await().atMost(WAIT).until(() -> handled.size() == 100);
        } finally {
            LOG.info("after the server stop: handled {}, a sent {} undeliverable {}, b received {}, "
                    + "a dead letters {}", handled.size(), a.stats().sent(), a.stats().undeliverable(),
                    b.stats().received(), a.system().deadLetters().counts());
        }
        assertThat(a.members()).extracting(Member::nodeId).containsExactly("node-a", "node-b");
    }
}
