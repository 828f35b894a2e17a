package dev.rt;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * SPI: what runs an actor system's ask timeouts, actor timers, supervision backoff and shutdown
 * timeouts. The default is a hashed timing wheel on one thread ({@link ActorSystem.Builder#schedulerTick}).
 * A test can supply one it drives by hand (with a matching {@link NanoClock}), so tests of time need no
 * sleeping; rt-test's {@code ManualTime} is one.
 *
 * <p>Tasks are short (complete a future, enqueue a message) and must not be run while the caller of
 * {@code schedule} waits. Every method is called from many threads. A system owns the scheduler it is
 * given and shuts it down when it terminates: give each system its own.
 */
public interface Scheduler {

    /**
     * @param task runs once after the delay
     * @param delayNanos the delay, in the nanoseconds of the system's clock
     * @return a handle to cancel it
     * @throws ActorSystemTerminatedException if the scheduler has been shut down
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * @param task runs every period, the first time after one period
     * @param periodNanos the period, positive
     * @return a handle to cancel it
     * @throws ActorSystemTerminatedException if the scheduler has been shut down
     */
    Cancellable scheduleAtFixedRate(Runnable task, long periodNanos);

    /**
     * Stops running tasks and refuses new ones. Every task still pending and not cancelled is handed,
     * once, to {@code abandoned} (possibly later, on the scheduler's own thread) so the system can fail
     * the asks waiting on them rather than leave them hanging.
     *
     * @param abandoned receives the tasks that will never run
     */
    void shutdown(Consumer<Runnable> abandoned);

    /**
     * @param timeout how long to wait for the scheduler's threads to end after {@link #shutdown}
     * @param unit its unit
     * @return whether they ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;
}
