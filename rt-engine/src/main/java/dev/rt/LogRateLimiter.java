package dev.rt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a few log lines per second through and counts the rest, so a storm of failures or dead letters
 * cannot flood the logs or slow the runtime down.
 */
final class LogRateLimiter {

    private final int perSecond;
    private final AtomicLong window = new AtomicLong(-1);
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    LogRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * @return whether this line may be logged; if not it is counted as suppressed
     */
    boolean tryAcquire() {
        long second = System.nanoTime() / 1_000_000_000L;
        long current = window.get();
        if (current != second && window.compareAndSet(current, second)) {
            used.set(0);
        }
        if (used.incrementAndGet() <= perSecond) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    /** @return lines suppressed since the last call, resetting the count */
    long takeSuppressed() {
        return suppressed.getAndSet(0);
    }
}
