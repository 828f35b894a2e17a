package dev.rt;

import java.util.Objects;

/**
 * A dispatcher: the threads that run actors.
 *
 * @param kind work-stealing (CPU-bound actors) or a fixed blocking pool (actors that block)
 * @param parallelism number of threads, at least 1
 * @param throughput messages an actor handles before it yields its thread, at least 1
 * @param idle what idle workers of a work-stealing dispatcher do
 */
public record DispatcherConfig(Kind kind, int parallelism, int throughput, IdleStrategy idle) {

    /** Default messages per actor turn. */
    public static final int DEFAULT_THROUGHPUT = 32;

    /** Dispatcher kinds. */
    public enum Kind {
        /** One run queue per core with stealing, for non-blocking actors. */
        WORK_STEALING,
        /** A fixed pool with a shared queue, for actors that block on I/O. */
        BLOCKING
    }

    /** Validates the configuration. */
    public DispatcherConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idle, "idle");
        if (parallelism < 1) {
            throw new IllegalArgumentException("dispatcher parallelism must be at least 1, was " + parallelism);
        }
        if (throughput < 1) {
            throw new IllegalArgumentException("dispatcher throughput must be at least 1, was " + throughput);
        }
    }

    /** @return a work-stealing dispatcher with one thread per core */
    public static DispatcherConfig workStealing() {
        return workStealing(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parallelism number of threads
     * @return a work-stealing dispatcher
     */
    public static DispatcherConfig workStealing(int parallelism) {
        return new DispatcherConfig(Kind.WORK_STEALING, parallelism, DEFAULT_THROUGHPUT, IdleStrategy.BACKOFF);
    }

    /**
     * @param threads number of threads
     * @return a blocking dispatcher
     */
    public static DispatcherConfig blocking(int threads) {
        return new DispatcherConfig(Kind.BLOCKING, threads, DEFAULT_THROUGHPUT, IdleStrategy.PARK);
    }

    /**
     * @param throughput messages per actor turn
     * @return a copy with that throughput
     */
    public DispatcherConfig withThroughput(int throughput) {
        return new DispatcherConfig(kind, parallelism, throughput, idle);
    }

    /**
     * @param idle the idle strategy
     * @return a copy with that idle strategy
     */
    public DispatcherConfig withIdle(IdleStrategy idle) {
        return new DispatcherConfig(kind, parallelism, throughput, idle);
    }
}
