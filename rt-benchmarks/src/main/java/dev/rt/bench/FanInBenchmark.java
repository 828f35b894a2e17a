package dev.rt.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Fan-in: 1, 2 and 4 plain threads telling one counting actor; messages delivered per second (the sum
 * over the producers).
 *
 * <p>One operation is a batch: a producer tells {@value #BATCH} messages, then waits until the actor
 * has handled all of them. So only handled messages count, and at most {@value #BATCH} per producer
 * are ever queued.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FanInBenchmark.BATCH)
@State(Scope.Benchmark)
public class FanInBenchmark {

    static final int BATCH = 10_000;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Sink counter;

    /** One producer thread's message and count. */
    @State(Scope.Thread)
    public static class Producer {
        final Progress progress = new Progress();
        long sent;
    }

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "fan-in");
        counter = system.counter();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    @Threads(1)
    public void fanIn1Producer(Producer producer) {
        batch(producer);
    }

    @Benchmark
    @Threads(2)
    public void fanIn2Producers(Producer producer) {
        batch(producer);
    }

    @Benchmark
    @Threads(4)
    public void fanIn4Producers(Producer producer) {
        batch(producer);
    }

    private void batch(Producer producer) {
        Progress progress = producer.progress;
        BenchRuntime.Sink sink = counter;
        for (int i = 0; i < BATCH; i++) {
            sink.tell(progress);
        }
        long sent = producer.sent += BATCH;
        Waits.until(() -> progress.get() >= sent, "the counter to handle the batch");
    }
}
