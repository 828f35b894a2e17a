package dev.rt.remote.nats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exactly-once ids a service on this node has handled, the oldest forgotten first. Shared by every
 * incarnation of the service's actor, so a restart does not forget what was handled.
 */
final class DeduplicationWindow {

    private final Map<String, Boolean> seen;

    DeduplicationWindow(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String id) {
        return seen.containsKey(id);
    }

    synchronized void add(String id) {
        seen.put(id, Boolean.TRUE);
    }
}
