package dev.rt.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps the most recent events in a fixed-size ring, lock-free. Older events are overwritten; a
 * snapshot returns the kept ones oldest first.
 */
public final class RingBufferRuntimeListener implements RuntimeListener {

    private final AtomicReferenceArray<RuntimeEvent> ring;
    private final AtomicLong next = new AtomicLong();

    /**
     * @param capacity how many events to keep, at least 1
     */
    public RingBufferRuntimeListener(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    @Override
    public void onEvent(RuntimeEvent event) {
        long slot = next.getAndIncrement();
        ring.set((int) (slot % ring.length()), event);
    }

    /** @return how many events were received in all, including overwritten ones */
    public long received() {
        return next.get();
    }

    /** @return the kept events, oldest first */
    public List<RuntimeEvent> events() {
        long end = next.get();
        long start = Math.max(0, end - ring.length());
        List<RuntimeEvent> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            RuntimeEvent event = ring.get((int) (i % ring.length()));
            if (event != null) {
                out.add(event);
            }
        }
        return out;
    }
}
