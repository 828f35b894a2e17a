package dev.rt.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Producer-side cost of one {@code tell} to an actor that only counts, from 1 and 2 plain threads.
 *
 * <p>Keeping the consumer in reach: every {@value #CHECK_EVERY} tells a producer compares what it sent
 * with what the actor has counted, and yields while it is more than {@value #MAX_LAG} messages ahead.
 * The mailbox therefore never grows without bound, and the score is the sustainable per-tell cost: the
 * enqueue itself while the actor keeps up, and the actor's per-message cost where it does not (the
 * waiting is inside the measurement, on purpose). The message is one pre-allocated object per producer,
 * so neither runtime pays for message allocation; what allocation remains is the runtime's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TellBenchmark {

    static final int CHECK_EVERY = 256;
    static final long MAX_LAG = 1 << 14;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Sink counter;

    /** One producer thread: its message (which the actor counts) and how many it sent. */
    @State(Scope.Thread)
    public static class Producer {
        final Progress progress = new Progress();
        long sent;

        /** Lets the actor finish this iteration's messages so iterations do not bleed into each other. */
        @TearDown(Level.Iteration)
        public void drain() {
            Waits.until(() -> progress.get() >= sent, "the counter to drain");
        }
    }

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "tell");
        counter = system.counter();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    @Threads(1)
    public void tell1Producer(Producer producer) {
        tell(producer);
    }

    @Benchmark
    @Threads(2)
    public void tell2Producers(Producer producer) {
        tell(producer);
    }

    private void tell(Producer producer) {
        counter.tell(producer.progress);
        long sent = ++producer.sent;
        if ((sent & (CHECK_EVERY - 1)) == 0) {
            Waits.throttle(producer.progress, sent, MAX_LAG);
        }
    }
}
