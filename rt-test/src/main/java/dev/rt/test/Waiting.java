package dev.rt.test;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Retrying an assertion until it passes, with a short pause between tries (never a fixed sleep). */
final class Waiting {

    private static final long PAUSE_NANOS = 5_000_000;

    private Waiting() {
    }

    static <T> T awaitAssert(Duration max, Supplier<T> assertion) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                return assertion.get();
            } catch (AssertionError e) {
                if (System.nanoTime() - deadline >= 0) {
                    AssertionError failure = new AssertionError("assertion still failing after "
                            + Texts.duration(max) + ": " + e.getMessage(), e);
                    throw failure;
                }
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while retrying an assertion");
            }
        }
    }
}
