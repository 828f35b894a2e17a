package dev.rt.bench.remote;

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
 * Remote messaging between two nodes in one JVM over loopback TCP: rt over NATS (through a local
 * nats-server) and Pekko over Artery TCP, JSON on both sides.
 */
@State(Scope.Benchmark)
public class RemoteBench {

    static final int ONE_WAY = 10_000;
    static final int ROUND_TRIPS = 2_000;

    @Param({RemoteRuntime.RT_NATS, RemoteRuntime.PEKKO_ARTERY})
    public String runtime;

    private RemoteRuntime remote;

    @Setup(Level.Trial)
    public void start() throws Exception {
        remote = RemoteRuntime.create(runtime);
        remote.oneWay(1_000); // connections and handshakes done before warm-up starts
        remote.ask();
    }

    @TearDown(Level.Trial)
    public void stop() {
        remote.close();
    }

    /** One-way: messages per second from A to an actor on B. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ONE_WAY)
    public void oneWay() throws Exception {
        remote.oneWay(ONE_WAY);
    }

    /** Ping-pong, one message in flight: round trips per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ROUND_TRIPS)
    public void pingPong1() throws Exception {
        remote.pingPong(ROUND_TRIPS, 1);
    }

    /** Ping-pong with 100 in flight (the transports batch writes): round trips per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ROUND_TRIPS * 10)
    public void pingPong100() throws Exception {
        remote.pingPong(ROUND_TRIPS * 10, 100);
    }

    /** Ask round trip from a plain thread on A to an actor on B: latency distribution. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object ask() throws Exception {
        return remote.ask();
    }
}
