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

/**
 * Fork-join over {@value #WORKERS} actors: a coordinator actor sends one request to every worker, each
 * worker replies, and each reply makes the coordinator send that worker its next request, until
 * {@value #REQUESTS} requests have been answered; a latch then releases the benchmark thread. So
 * {@value #WORKERS} requests are in flight at any time across {@value #WORKERS} actors. Score: messages
 * per second, counting requests and replies ({@code 2 * REQUESTS} messages per operation).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(2 * ForkJoinBenchmark.REQUESTS)
@State(Scope.Benchmark)
public class ForkJoinBenchmark {

    static final int WORKERS = 1_000;
    static final int REQUESTS = 10 * WORKERS;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.ForkJoin forkJoin;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "fork-join");
        forkJoin = system.forkJoin(WORKERS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public void forkJoin() throws InterruptedException {
        forkJoin.run(REQUESTS);
    }
}
