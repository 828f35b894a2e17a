package dev.rt;

import dev.rt.monitor.DeliveryStats;
import java.util.List;
import java.util.Objects;

/**
 * One actor in the live tree returned by {@link ActorSystem#tree()}.
 *
 * @param path the actor's path
 * @param name its name
 * @param supervisor whether it is a supervisor
 * @param stats its delivery counters and mailbox depth
 * @param children its live children, sorted by name
 */
public record ActorNode(String path, String name, boolean supervisor, DeliveryStats stats, List<ActorNode> children) {

    /** Checks the parts. */
    public ActorNode {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stats, "stats");
        children = List.copyOf(children);
    }

    /** @return this node and all below it */
    public int size() {
        int total = 1;
        for (ActorNode child : children) {
            total += child.size();
        }
        return total;
    }
}
