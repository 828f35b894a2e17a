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
 * @param state its lifecycle state when the tree was taken
 */
public record ActorNode(String path, String name, boolean supervisor, DeliveryStats stats, List<ActorNode> children,
                        State state) {

    /** Where an actor is in its lifecycle; read without stopping it, so possibly a moment old. */
    public enum State {
        /** Created; its first instance has not run {@code preStart} yet. */
        STARTING,
        /** Handling messages. */
        RUNNING,
        /**
         * Not handling user messages: it failed and waits for its supervisor's decision, or it waits for its
         * children to stop before a restart or a stop completes. Its mailbox is kept.
         */
        SUSPENDED,
        /** Stopped (seen only when it stopped while the tree was being taken). */
        STOPPED
    }

    /** Checks the parts. */
    public ActorNode {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(state, "state");
        children = List.copyOf(children);
    }

    /**
     * A running actor: the shape before nodes carried a state.
     *
     * @param path the actor's path
     * @param name its name
     * @param supervisor whether it is a supervisor
     * @param stats its delivery counters and mailbox depth
     * @param children its live children, sorted by name
     */
    public ActorNode(String path, String name, boolean supervisor, DeliveryStats stats, List<ActorNode> children) {
        this(path, name, supervisor, stats, children, State.RUNNING);
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
