package dev.rt.remote.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Who is in the cluster. Every node publishes a heartbeat (with the services it offers) on the membership
 * subject at a fixed interval and says goodbye when it closes; a node not heard from within the failure timeout is down. A node that
 * hears a newcomer answers with its own heartbeat at once, so a joining node learns the others in one
 * round trip instead of one interval.
 */
final class Membership {

    private record Seen(long incarnation, long lastSeenNanos, Instant lastSeen, Set<String> services) {
    }

    private final String self;
    private final long incarnation;
    private final long failureTimeoutNanos;
    private final Consumer<byte[]> publisher;
    private final Supplier<Set<String>> ownServices;
    private final Consumer<Member> onUp;
    private final BiConsumer<String, Boolean> onDown;
    private final Map<String, Seen> others = new ConcurrentHashMap<>();

    Membership(String self, long incarnation, Duration failureTimeout, Consumer<byte[]> publisher,
               Supplier<Set<String>> ownServices, Consumer<Member> onUp, BiConsumer<String, Boolean> onDown) {
        this.ownServices = ownServices;
        this.self = self;
        this.incarnation = incarnation;
        this.failureTimeoutNanos = failureTimeout.toNanos();
        this.publisher = publisher;
        this.onUp = onUp;
        this.onDown = onDown;
    }

    /** Publishes this node's heartbeat, with the services it offers. */
    void heartbeat() {
        publisher.accept(("hb " + self + ' ' + incarnation + ' ' + String.join(",", ownServices.get()))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes this node's goodbye. */
    void leave() {
        publisher.accept(("bye " + self + ' ' + incarnation).getBytes(StandardCharsets.UTF_8));
    }

    /** Handles a membership message from the wire; anything malformed is ignored. */
    void onMessage(byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).split(" ", -1);
        if (parts.length < 3 || parts[1].equals(self)) {
            return;
        }
        long theirIncarnation;
        try {
            theirIncarnation = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return;
        }
        String node = parts[1];
        if (parts[0].equals("bye")) {
            Seen gone = others.get(node);
            if (gone != null && gone.incarnation == theirIncarnation && others.remove(node, gone)) {
                onDown.accept(node, true);
            }
            return;
        }
        if (!parts[0].equals("hb")) {
            return;
        }
        Set<String> services = parts.length > 3 && !parts[3].isEmpty() ? Set.of(parts[3].split(",")) : Set.of();
        Seen now = new Seen(theirIncarnation, System.nanoTime(), Instant.now(), services);
        Seen before = others.put(node, now);
        if (before != null && before.incarnation != theirIncarnation) {
            onDown.accept(node, false); // restarted under the same id: its old actors are gone
        }
        if (before == null || before.incarnation != theirIncarnation) {
            onUp.accept(new Member(node, theirIncarnation, now.lastSeen));
            heartbeat();
        }
    }

    /** Declares down every node whose heartbeat is overdue. */
    void expire() {
        long now = System.nanoTime();
        for (Map.Entry<String, Seen> entry : others.entrySet()) {
            Seen seen = entry.getValue();
            if (now - seen.lastSeenNanos > failureTimeoutNanos && others.remove(entry.getKey(), seen)) {
                onDown.accept(entry.getKey(), false);
            }
        }
    }

    /** @return whether a live member other than this node offers {@code service}, as far as heartbeats tell */
    boolean offeredByOthers(String service) {
        for (Seen seen : others.values()) {
            if (seen.services.contains(service)) {
                return true;
            }
        }
        return false;
    }

    boolean isUp(String node) {
        return node.equals(self) || others.containsKey(node);
    }

    /** @return the live nodes, this one included, by id */
    List<Member> members() {
        List<Member> out = new ArrayList<>();
        out.add(new Member(self, incarnation, Instant.now()));
        others.forEach((node, seen) -> out.add(new Member(node, seen.incarnation, seen.lastSeen)));
        out.sort(Comparator.comparing(Member::nodeId));
        return out;
    }
}
