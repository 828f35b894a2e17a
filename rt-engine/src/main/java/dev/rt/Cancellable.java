package dev.rt;

/** Something scheduled that can be called off; returned by a {@link Scheduler}. */
public interface Cancellable {

    /** Prevents the task from running if it has not yet (and stops a repeating one); idempotent. */
    void cancel();
}
