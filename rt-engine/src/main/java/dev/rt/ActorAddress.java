package dev.rt;

import java.util.Objects;

/**
 * Where an actor lives: its system, its path (for example {@code /user/orders/worker-3}) and a unique id
 * that tells apart two incarnations at the same path.
 *
 * @param system the actor system's name
 * @param path the actor's path from the root
 * @param uid unique per actor within the system
 */
public record ActorAddress(String system, String path, long uid) implements Comparable<ActorAddress> {

    /** Checks the parts. */
    public ActorAddress {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(path, "path");
    }

    /** @return the last path segment, the actor's name among its siblings */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    @Override
    public int compareTo(ActorAddress other) {
        int bySystem = system.compareTo(other.system);
        if (bySystem != 0) {
            return bySystem;
        }
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : Long.compare(uid, other.uid);
    }

    @Override
    public String toString() {
        return "rt://" + system + path + "#" + uid;
    }
}
