package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.monitor.DeliveryStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/** The lifecycle state each node of {@link ActorSystem#tree()} carries. */
class ActorNodeStateTest {

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    private static Optional<ActorNode> find(ActorNode node, String path) {
        if (node.path().equals(path)) {
            return Optional.of(node);
        }
        for (ActorNode child : node.children()) {
            Optional<ActorNode> found = find(child, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Test
    void runningActorsAreRunning() {
        try (ActorSystem system = ActorSystem.create("node-state")) {
            system.spawn("plain", () -> (message, ctx) -> { });

            eventually().until(() -> find(system.tree(), "/user/plain").map(ActorNode::state)
                    .orElse(null) == ActorNode.State.RUNNING);
            assertThat(system.tree().state()).isEqualTo(ActorNode.State.RUNNING);
        }
    }

    @Test
    void aFailedChildWaitingOutABackoffIsSuspended() {
        SupervisorSpec spec = SupervisorSpec.builder("app")
                .intensity(5, Duration.ofMinutes(1))
                .backoff(new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), 0, Duration.ofMinutes(5)))
                .child(ChildSpec.actor("fragile", () -> (Actor<String>) (message, ctx) -> {
                    throw new IllegalStateException("boom");
                }))
                .child(ChildSpec.actor("steady", () -> (Actor<String>) (message, ctx) -> { }))
                .build();
        try (ActorSystem system = ActorSystem.create("node-state")) {
            Supervisor app = system.supervise(spec);
            app.whenStarted().join();
            system.<String>lookup("/user/app/fragile").orElseThrow().tell("fail");

            eventually().until(() -> find(system.tree(), "/user/app/fragile").map(ActorNode::state)
                    .orElse(null) == ActorNode.State.SUSPENDED);
            ActorNode tree = system.tree();
            assertThat(find(tree, "/user/app/steady")).map(ActorNode::state).contains(ActorNode.State.RUNNING);
            assertThat(find(tree, "/user/app")).map(ActorNode::state).contains(ActorNode.State.RUNNING);
        }
    }

    @Test
    void theOlderConstructorMeansRunning() {
        ActorNode node = new ActorNode("/user/a", "a", false, DeliveryStats.EMPTY, List.of());
        assertThat(node.state()).isEqualTo(ActorNode.State.RUNNING);
    }
}
