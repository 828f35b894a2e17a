package dev.rt.remote.nats;

import dev.rt.ActorContext;
import dev.rt.ActorSystem;
import dev.rt.remote.nats.TestMessages.Work;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker node in its own JVM, for the failure tests: offers service {@code work}, spends about a
 * millisecond on each message (so messages are in flight when the test kills it), reports each handled
 * id on {@code test.<cluster>.handled} (with the JetStream redeliveries this node has seen), and keeps an actor {@code /user/resident} to be watched.
 *
 * <p>Arguments: server URL, cluster name, node id.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String cluster = args[1];
        String nodeId = args[2];
        ActorSystem system = ActorSystem.builder(nodeId).build();
        Connection reports = Nats.connect(url);
        NatsRemoting node = TestNodes.configure(NatsRemoting.builder(system, nodeId), cluster, url).start();
        NatsRemoting[] self = {node};
        system.spawn("resident", () -> (message, ctx) -> { });
        node.spawnService("work", () -> (Work work, ActorContext<Work> ctx) -> {
            LockSupport.parkNanos(1_000_000); // simulated work, so that messages are in flight
            reports.publish("test." + cluster + ".handled",
                    (work.id() + " " + nodeId + " " + self[0].stats().redeliveries()).getBytes(StandardCharsets.UTF_8));
            // The report rides its own connection: without waiting for the server here, the acknowledgement
            // (sent when this handler returns) could reach it first, and a kill then would lose the report
            // of a message that was handled.
            reports.flush(Duration.ofSeconds(10));
        });
        System.out.println("READY " + nodeId);
        System.out.flush();
        new CountDownLatch(1).await(); // until the test kills or stops this process
    }
}
