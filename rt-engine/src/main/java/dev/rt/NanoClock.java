package dev.rt;

/**
 * The monotonic clock supervisors measure restart intensity and backoff resets with. Tests replace it
 * to move time without sleeping.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return nanoseconds from an arbitrary origin, like {@link System#nanoTime()} */
    long nanoTime();
}
