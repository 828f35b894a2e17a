package dev.rt;

import java.time.Duration;

/**
 * What a dispatcher worker does when it finds no work: spin briefly (cheapest wake-up when work comes
 * back at once), then yield, then park until signalled. Only one worker per dispatcher spins at a time,
 * so an idle system burns no core.
 *
 * @param spins busy polls before yielding (0 disables spinning)
 * @param yields {@link Thread#yield()} polls before parking
 * @param maxPark the longest a parked worker sleeps before looking again (a safety net; work wakes it)
 */
public record IdleStrategy(int spins, int yields, Duration maxPark) {

    /** Spin, then yield, then park: low latency under load, quiet when idle. */
    public static final IdleStrategy BACKOFF = new IdleStrategy(2_000, 50, Duration.ofMillis(100));

    /** Park at once: least CPU, higher wake-up latency. */
    public static final IdleStrategy PARK = new IdleStrategy(0, 0, Duration.ofMillis(100));

    /** Validates the values. */
    public IdleStrategy {
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must not be negative");
        }
        if (maxPark == null || maxPark.isNegative() || maxPark.isZero()) {
            throw new IllegalArgumentException("maxPark must be positive");
        }
    }
}
