package dev.rt;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between restarts: the first restart after a quiet period waits {@code min}, each
 * further one twice as long up to {@code max}, with up to {@code jitter} (a fraction) added at random.
 * After {@code resetAfter} without failures the delay starts again from {@code min}.
 *
 * @param min the first delay, positive
 * @param max the longest delay, at least {@code min}
 * @param jitter random extra as a fraction of the delay, 0 to 1
 * @param resetAfter the quiet period that resets the delay, positive
 */
public record Backoff(Duration min, Duration max, double jitter, Duration resetAfter) {

    /** Validates the values. */
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("backoff min must be positive, was " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max (" + max + ") must not be less than min (" + min + ")");
        }
        if (jitter < 0 || jitter > 1 || Double.isNaN(jitter)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1, was " + jitter);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("backoff resetAfter must be positive, was " + resetAfter);
        }
    }

    /**
     * @param consecutive restarts since the last reset, from 0
     * @param random a value in [0, 1) for the jitter
     * @return the delay before that restart
     */
    public Duration delay(int consecutive, double random) {
        long base = min.toNanos();
        long cap = max.toNanos();
        long delay = base;
        for (int i = 0; i < consecutive && delay < cap; i++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        delay = Math.min(delay, cap);
        return Duration.ofNanos(delay + (long) (delay * jitter * random));
    }
}
