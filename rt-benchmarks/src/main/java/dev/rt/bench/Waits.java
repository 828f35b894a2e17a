package dev.rt.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a benchmark thread waits for actors to catch up: a few spins, then yields, then short parks, so
 * a waiting producer gives its core to the actors on a 2-core machine instead of burning it. Used the
 * same way for every runtime.
 */
final class Waits {

    /** A benchmark that waits longer than this has lost messages; fail instead of hanging the run. */
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private Waits() {
    }

    static void until(BooleanSupplier done, String what) {
        if (done.getAsBoolean()) {
            return;
        }
        long start = System.nanoTime();
        for (int round = 1; !done.getAsBoolean(); round++) {
            if (round < 32) {
                Thread.onSpinWait();
            } else if (round < 512) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000);
                if ((round & 255) == 0 && System.nanoTime() - start > TIMEOUT_NANOS) {
                    throw new IllegalStateException("gave up after 60 s waiting for " + what);
                }
            }
        }
    }

    /** Yields while a producer is more than {@code maxLag} messages ahead of its consumer. */
    static void throttle(Progress progress, long sent, long maxLag) {
        if (sent - progress.get() > maxLag) {
            until(() -> sent - progress.get() <= maxLag / 2, "the actor to catch up");
        }
    }
}
