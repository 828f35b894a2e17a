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

/**
 * Ask round trip from a plain thread to an actor that answers at once, one ask at a time; sampled so
 * JMH reports the latency distribution (p50, p95, p99). rt: {@code ref.ask(Request::new, 5 s).join()};
 * Pekko: {@code AskPattern.ask(ref, Request::new, 5 s, scheduler).toCompletableFuture().join()}.
 * Cross-thread wake-up latency differs between JVM launches, so this one deserves more forks.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AskBenchmark {

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Asker asker;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "ask");
        asker = system.asker();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public Object ask() {
        return asker.ask();
    }
}
