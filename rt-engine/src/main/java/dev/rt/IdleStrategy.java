package dev.rt;

import java.time.Duration;
import java.util.Objects;

/**
 * What a dispatcher worker does when it runs out of work. First, while it has nothing else queued, it
 * lingers on the actor whose mailbox just ran dry: a sender that is only slightly slower than the actor
 * then finds it still scheduled and just enqueues, instead of paying for a new turn (a compare-and-set,
 * a run-queue push, maybe a thread wake-up) every few messages. Then the worker spins (cheapest
 * wake-up when work comes back at once), then yields, then parks until signalled. Only one worker per
 * dispatcher spins or yields at a time, so an idle system burns no core. The spin and yield windows
 * should outlast a thread wake-up (tens of microseconds on virtual machines), or a request-response
 * exchange settles into parking.
 *
 * @param linger how long an actor whose mailbox ran dry keeps its thread, polling now and then, while
 *               the worker has nothing else queued (zero disables it)
 * @param spin how long to busy-poll before yielding (zero disables it)
 * @param yield how long to poll with {@link Thread#yield()} before parking
 * @param maxPark the longest a parked worker sleeps before looking again (a safety net; work wakes it)
 */
public record IdleStrategy(Duration linger, Duration spin, Duration yield, Duration maxPark) {

    /**
     * Linger 4 µs, spin 200 µs, yield 200 µs, then park: low latency and few wake-ups under load, quiet
     * when idle (one worker at most).
     */
    public static final IdleStrategy BACKOFF = new IdleStrategy(Duration.ofNanos(4_000), Duration.ofNanos(200_000),
            Duration.ofNanos(200_000), Duration.ofMillis(100));

    /** Park at once: least CPU, a thread wake-up per message exchange. */
    public static final IdleStrategy PARK = new IdleStrategy(Duration.ZERO, Duration.ZERO, Duration.ofMillis(100));

    /** Validates the values. */
    public IdleStrategy {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(spin, "spin");
        Objects.requireNonNull(yield, "yield");
        Objects.requireNonNull(maxPark, "maxPark");
        if (linger.isNegative() || spin.isNegative() || yield.isNegative()) {
            throw new IllegalArgumentException("linger, spin and yield must not be negative");
        }
        if (maxPark.isNegative() || maxPark.isZero()) {
            throw new IllegalArgumentException("maxPark must be positive");
        }
    }

    /**
     * A strategy that does not linger on a drained actor.
     *
     * @param spin how long to busy-poll before yielding (zero disables it)
     * @param yield how long to poll with {@link Thread#yield()} before parking
     * @param maxPark the longest a parked worker sleeps before looking again
     */
    public IdleStrategy(Duration spin, Duration yield, Duration maxPark) {
        this(Duration.ZERO, spin, yield, maxPark);
    }

    /** @return whether idle workers spin or yield before parking */
    public boolean polls() {
        return !spin.isZero() || !yield.isZero();
    }
}
