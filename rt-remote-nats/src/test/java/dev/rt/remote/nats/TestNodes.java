package dev.rt.remote.nats;

import dev.rt.ActorSystem;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Nodes for in-process tests: an actor system plus remoting each, with short timings. */
final class TestNodes implements AutoCloseable {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final List<NatsRemoting> nodes = new ArrayList<>();
    private final String cluster;
    private final String[] servers;

    TestNodes(String... servers) {
        this.servers = servers;
        this.cluster = "t" + ProcessHandle.current().pid() + "_" + CLUSTERS.incrementAndGet();
    }

    String cluster() {
        return cluster;
    }

    NatsRemoting start(String nodeId) {
        return start(nodeId, builder -> { });
    }

    NatsRemoting start(String nodeId, java.util.function.Consumer<NatsRemoting.Builder> customizer) {
        ActorSystem system = ActorSystem.builder(nodeId).build();
        NatsRemoting.Builder builder = configure(NatsRemoting.builder(system, nodeId), cluster, servers);
        customizer.accept(builder);
        NatsRemoting node = builder.start();
        nodes.add(node);
        return node;
    }

    static NatsRemoting.Builder configure(NatsRemoting.Builder builder, String cluster, String... servers) {
        return builder.options(new Options.Builder().servers(servers).connectionTimeout(Duration.ofSeconds(5))
                        .reconnectWait(Duration.ofMillis(100)).maxReconnects(-1).build())
                .cluster(cluster)
                .types(TestMessages.types())
                .heartbeatInterval(Duration.ofMillis(200))
                .failureTimeout(Duration.ofSeconds(3))
                .ackWait(Duration.ofSeconds(2))
                .storage(StorageType.Memory);
    }

    @Override
    public void close() {
        for (NatsRemoting node : nodes) {
            node.close();
            node.system().terminate(Duration.ofSeconds(10));
        }
    }
}
