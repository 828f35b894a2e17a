package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.Terminated;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three nodes, two of them in their own JVMs: one is killed (SIGKILL) while at-least-once messages are in
 * flight, and every message is still handled by the survivors.
 */
class NodeFailureTest {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFailureTest.class);

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGES = 1000;

    private NatsTestServer server;
    private TestNodes cluster;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void start() {
        server = NatsTestServer.start();
        cluster = new TestNodes(server.url());
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        cluster.close();
        server.close();
    }

    private Process startChild(String nodeId) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), NodeMain.class.getName(), server.url(), cluster.cluster(), nodeId)
                .redirectErrorStream(true).start();
        children.add(process);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process died; the test sees it through its counts
            }
        }, "child-" + nodeId);
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(60, TimeUnit.SECONDS)).as(nodeId + " started").isTrue();
        return process;
    }

    @Test
    void killingANodeWithMessagesInFlightLosesNoneOfThem() throws Exception {
        Map<Integer, AtomicInteger> handled = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> afterKill = new ConcurrentHashMap<>();
        Map<String, Long> redeliveriesSeen = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean(); // set by the test thread, read by report threads
        try (Connection reports = Nats.connect(server.url())) {
            Dispatcher dispatcher = reports.createDispatcher(msg -> {
                String[] parts = new String(msg.getData(), StandardCharsets.UTF_8).split(" ");
                handled.computeIfAbsent(Integer.parseInt(parts[0]), k -> new AtomicInteger()).incrementAndGet();
                byNode.computeIfAbsent(parts[1], k -> new AtomicInteger()).incrementAndGet();
                redeliveriesSeen.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                if (killed.get()) {
                    afterKill.computeIfAbsent(parts[1], k -> new AtomicInteger()).incrementAndGet();
                }
            });
            dispatcher.subscribe("test." + cluster.cluster() + ".handled");
            reports.flush(Duration.ofSeconds(5));

            NatsRemoting local = cluster.start("node-0");
            local.spawnService("work", () -> (Work work, ActorContext<Work> ctx) -> {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                handled.computeIfAbsent(work.id(), k -> new AtomicInteger()).incrementAndGet();
                byNode.computeIfAbsent("node-0", k -> new AtomicInteger()).incrementAndGet();
                if (killed.get()) {
                    afterKill.computeIfAbsent("node-0", k -> new AtomicInteger()).incrementAndGet();
                }
            });
            Process victim = startChild("node-1");
            startChild("node-2");
            await().atMost(WAIT).until(() -> local.members().size() == 3);

            CopyOnWriteArrayList<Terminated> heard = new CopyOnWriteArrayList<>();
            ActorRef<Terminated> watcher = local.system().spawn("watcher", () -> (t, ctx) -> heard.add(t));
            local.watch(local.ref("node-1", "/user/resident"), watcher);

            ActorRef<Work> work = local.service("work");
            for (int i = 0; i < MESSAGES; i++) {
                work.tell(new Work(i));
            }
            await().atMost(WAIT).until(() -> byNode.getOrDefault("node-1", new AtomicInteger()).get() >= 20);
            victim.destroyForcibly(); // SIGKILL: no goodbye, no acknowledgements for what it held
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killed.set(true);
            int handledByVictim = byNode.get("node-1").get();

            // Fails (with the count) if any message was lost: nobody would ever report it handled.
            await().atMost(WAIT).untilAsserted(() -> assertThat(MESSAGES - handled.size())
                    .as("messages no node has handled").isZero());
            long lost = MESSAGES - handled.size();
            long redelivered = handled.values().stream().filter(c -> c.get() > 1).count();
            LOG.info("node kill: sent {}, handled {} distinct, lost {}, handled more than once {}, "
                    + "by node {}, victim handled {} before the kill, redeliveries seen on node-0 {}", MESSAGES,
                    handled.size(), lost, redelivered, byNode, handledByVictim, local.stats().redeliveries());
            // What the victim had taken but not acknowledged came back to the survivors.
            long redeliveries = local.stats().redeliveries() + redeliveriesSeen.getOrDefault("node-2", 0L);
            LOG.info("redeliveries seen by the survivors: {}", redeliveries);
            assertThat(redeliveries).isPositive();
            assertThat(handledByVictim).isLessThan(MESSAGES);
            // Reports the victim sent just before it died may still arrive after the kill, so only the
            // survivors' share is asserted: they handled messages after it.
            assertThat(afterKill.keySet()).containsAnyOf("node-0", "node-2");

            // The lost node is detected within the failure timeout, and its watchers hear of it.
            await().atMost(WAIT).until(() -> heard.size() == 1);
            assertThat(local.members()).extracting(Member::nodeId).containsExactly("node-0", "node-2");
        }
    }
}
