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
 * Restarts per second of an actor that throws on every message. rt: {@code onFailure} returns
 * {@code FailureAction.RESTART}; Pekko: {@code Behaviors.supervise(setup(...)).onFailure(restart())}.
 * A restart is counted when the fresh instance is created (rt: the factory runs; Pekko: the
 * {@code setup} block runs). One operation sends {@value #FAILURES} failing messages and waits for as
 * many restarts. Failure logging is off on both sides (slf4j-nop for rt; for Pekko also
 * {@code pekko.loglevel = OFF} and {@code withLoggingEnabled(false)}), and both throw the same
 * pre-allocated stackless exception, so stack walking is not what is measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RestartBenchmark.FAILURES)
@State(Scope.Benchmark)
public class RestartBenchmark {

    static final int FAILURES = 1_000;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Restarter restarter;
    private BenchRuntime.Restarter supervised;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "restart");
        restarter = system.restarter();
        supervised = system.supervisedRestarter();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public void restart() {
        restarter.failAndAwaitRestarts(FAILURES);
    }

    /**
     * rt: the failing actor is a child of a one-for-one supervisor (its {@code onFailure} keeps the default
     * {@code ESCALATE}, so the supervisor decides every restart, counting intensity); Pekko: the same
     * {@code supervise(...).onFailure(restart())} as {@link #restart()}, its only supervision.
     */
    @Benchmark
    public void supervisedRestart() {
        supervised.failAndAwaitRestarts(FAILURES);
    }
}
