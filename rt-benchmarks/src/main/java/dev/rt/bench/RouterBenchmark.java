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
 * A round-robin pool of {@value #ROUTEES} counting actors against telling {@value #ROUTEES} such actors
 * directly in turn, from one producer thread; messages handled per second. rt's router picks the routee
 * on the sender's thread; Pekko typed's pool router is an actor in between.
 *
 * <p>One operation is a batch of {@value #BATCH} messages, then a wait until all are handled. Round-robin
 * from one sender sends every routee the same counter object each time, so each counter has one writer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RouterBenchmark.BATCH)
@State(Scope.Benchmark)
public class RouterBenchmark {

    static final int ROUTEES = 4;
    static final int BATCH = 10_000;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Fanout fanout;
    private final Progress[] progress = new Progress[ROUTEES];
    private long perRoutee;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "router");
        fanout = system.fanout(ROUTEES);
        for (int i = 0; i < ROUTEES; i++) {
            progress[i] = new Progress();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public void roundRobinPool() {
        for (int i = 0; i < BATCH; i++) {
            fanout.viaRouter(progress[i % ROUTEES]);
        }
        awaitBatch();
    }

    @Benchmark
    public void directTell() {
        for (int i = 0; i < BATCH; i++) {
            fanout.direct(i % ROUTEES, progress[i % ROUTEES]);
        }
        awaitBatch();
    }

    private void awaitBatch() {
        long target = perRoutee += BATCH / ROUTEES;
        Waits.until(() -> {
            long sum = 0;
            for (Progress p : progress) {
                sum += p.get();
            }
            return sum >= target * ROUTEES;
        }, "the routees to handle the batch");
    }
}
