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
 * Ping-pong: two actors pass one message back and forth; round trips per second. One operation starts
 * {@value #ROUND_TRIPS} round trips and waits on a latch for the last reply. The ping message is
 * pre-allocated and carries its reply-to ref (the Pekko typed protocol style, used for rt as well).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(PingPongBenchmark.ROUND_TRIPS)
@State(Scope.Benchmark)
public class PingPongBenchmark {

    static final int ROUND_TRIPS = 10_000;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.PingPong pingPong;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "ping-pong");
        pingPong = system.pingPong();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public void pingPong() throws InterruptedException {
        pingPong.run(ROUND_TRIPS);
    }
}
