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
 * Spawn time per actor: one operation spawns {@value #ACTORS} top-level actors from a plain thread and
 * waits until every one has started (rt: {@code preStart} ran; Pekko: the {@code Behaviors.setup}
 * block ran), so asynchronous start work is inside the measurement for both. The untimed teardown
 * stops them all and waits for their {@code postStop} / {@code PostStop}, so every operation starts
 * from the same, empty system. Both runtimes use one shared stateless actor/behavior instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SpawnBenchmark.ACTORS)
@State(Scope.Benchmark)
public class SpawnBenchmark {

    static final int ACTORS = 10_000;

    @Param({BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT})
    public String runtime;

    private BenchRuntime system;
    private BenchRuntime.Spawner spawner;

    @Setup(Level.Trial)
    public void start() {
        system = BenchRuntime.create(runtime, "spawn");
        spawner = system.spawner();
    }

    @TearDown(Level.Invocation)
    public void stopSpawned() {
        spawner.stopAllAndAwait();
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.close();
    }

    @Benchmark
    public void spawn() {
        spawner.spawnAndAwaitStarted(ACTORS);
    }
}
