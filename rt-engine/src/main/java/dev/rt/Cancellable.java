package dev.rt;

/** Something scheduled that can be called off. */
interface Cancellable {

    /** Prevents the task from running if it has not yet; idempotent. */
    void cancel();
}
