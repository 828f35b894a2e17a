package dev.rt;

import java.time.Duration;
import java.util.Objects;

/**
 * What a dispatcher worker does when it finds no work: spin (cheapest wake-up when work comes back at
 * once), then yield, then park until signalled. Only one worker per dispatcher spins or yields at a
 * time, so an idle system burns no core. The spin and yield windows should outlast a thread wake-up
 * (tens of microseconds on virtual machines), or a request-response exchange settles into parking.
 *
 * @param spin how long to busy-poll before yielding (zero disables it)
 * @param yield how long to poll with {@link Thread#yield()} before parking
 * @param maxPark the longest a parked worker sleeps before looking again (a safety net; work wakes it)
 */
public record IdleStrategy(Duration spin, Duration yield, Duration maxPark) {

    /** Spin 200 µs, yield 200 µs, then park: low latency under load, quiet when idle (one worker at most). */
    public static final IdleStrategy BACKOFF =
            new IdleStrategy(Duration.ofNanos(200_000), Duration.ofNanos(200_000), Duration.ofMillis(100));

    /** Park at once: least CPU, a thread wake-up per message exchange. */
    public static final IdleStrategy PARK = new IdleStrategy(Duration.ZERO, Duration.ZERO, Duration.ofMillis(100));

    /** Validates the values. */
    public IdleStrategy {
        Objects.requireNonNull(spin, "spin");
        Objects.requireNonNull(yield, "yield");
        Objects.requireNonNull(maxPark, "maxPark");
        if (spin.isNegative() || yield.isNegative()) {
            throw new IllegalArgumentException("spin and yield must not be negative");
        }
        if (maxPark.isNegative() || maxPark.isZero()) {
            throw new IllegalArgumentException("maxPark must be positive");
        }
    }

    /** @return whether idle workers spin or yield before parking */
    public boolean polls() {
        return !spin.isZero() || !yield.isZero();
    }
}
