package dev.rt.bench;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.monitor.RuntimeListener;
import dev.rt.spring.actor.ActorRefs;
import dev.rt.spring.metrics.ActorSystemCensus;
import dev.rt.spring.metrics.MessageTimingListener;
import dev.rt.spring.metrics.RtMeterBinder;
import dev.rt.spring.metrics.SupervisorRestartMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What metrics cost: message throughput of rt with the Spring Boot metrics set-up on versus off. Target:
 * on at 90 % or more of off.
 *
 * <ul>
 *   <li>{@code off}: {@code ActorSystem.builder(name).build()}, no listener, no sampling;</li>
 *   <li>{@code on}: what {@code RtAutoConfiguration} and {@code RtMetricsAutoConfiguration} install: the
 *       listeners combined ({@link ActorRefs}, {@link MessageTimingListener},
 *       {@link SupervisorRestartMetrics}), sampling of one message in {@value #SAMPLE_EVERY}, the binders
 *       bound to a {@link SimpleMeterRegistry}, and a scrape of every meter each second.</li>
 * </ul>
 *
 * <p>One operation is a batch, as in {@link FanInBenchmark}: each producer tells {@value #BATCH} messages
 * to one counting actor and waits until it has handled them; the score is messages per second. The class
 * is not named {@code *Benchmark}, so the rt-versus-Pekko suite of {@link BenchmarkMain} leaves it out;
 * run it with its own main, which prints the on/off ratio:
 * {@code java -cp rt-benchmarks/target/benchmarks.jar dev.rt.bench.MetricsOverhead [forks]}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MetricsOverhead.BATCH)
@State(Scope.Benchmark)
public class MetricsOverhead {

    static final int BATCH = 10_000;
    static final int SAMPLE_EVERY = 64;
    static final double TARGET = 0.90;

    @Param({"off", "on"})
    public String metrics;

    private ActorSystem system;
    private ActorRef<Progress> counter;
    private ScheduledExecutorService scraper;

    /** One producer thread's message and count. */
    @State(Scope.Thread)
    public static class Producer {
        final Progress progress = new Progress();
        long sent;
    }

    @Setup(Level.Trial)
    public void start() {
        ActorSystem.Builder builder = ActorSystem.builder("metrics-" + metrics);
        Set<String> named = Set.of("/user/counter");
        MessageTimingListener timing = new MessageTimingListener(named);
        SupervisorRestartMetrics restarts = new SupervisorRestartMetrics(Map.of(), Map.of());
        boolean on = "on".equals(metrics);
        if (on) {
            builder.sampleEvery(SAMPLE_EVERY)
                    .listener(RuntimeListener.composite(List.of(new ActorRefs(), timing, restarts)));
        }
        system = builder.build();
        counter = system.spawn("counter", () -> (progress, ctx) -> progress.increment());
        if (on) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RtMeterBinder(system, new ActorSystemCensus(system, named, Duration.ofSeconds(1))).bindTo(registry);
            timing.bindTo(registry);
            restarts.bindTo(registry);
            scraper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "metrics-scraper");
                thread.setDaemon(true);
                return thread;
            });
            scraper.scheduleAtFixedRate(() -> scrape(registry), 1, 1, TimeUnit.SECONDS);
        }
    }

    private static double scrape(SimpleMeterRegistry registry) {
        double sum = 0;
        for (Meter meter : registry.getMeters()) {
            for (Measurement measurement : meter.measure()) {
                sum += measurement.getValue();
            }
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (scraper != null) {
            scraper.shutdownNow();
        }
        system.close();
    }

    @Benchmark
    @Threads(1)
    public void tell1Producer(Producer producer) {
        batch(producer);
    }

    @Benchmark
    @Threads(2)
    public void tell2Producers(Producer producer) {
        batch(producer);
    }

    private void batch(Producer producer) {
        Progress progress = producer.progress;
        ActorRef<Progress> sink = counter;
        for (int i = 0; i < BATCH; i++) {
            sink.tell(progress);
        }
        long sent = producer.sent += BATCH;
        Waits.until(() -> progress.get() >= sent, "the counter to handle the batch");
    }

    /**
     * Runs both settings, alternating one fork each, and prints messages per second and the ratio.
     *
     * @param args optional: the number of forks per setting (default 3)
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<RunResult> results = new ArrayList<>();
        for (int round = 0; round < forks; round++) {
            for (String setting : new String[] {"off", "on"}) {
                results.addAll(new Runner(new OptionsBuilder()
                        .include(MetricsOverhead.class.getName() + "\\.")
                        .param("metrics", setting)
                        .forks(1)
                        .warmupIterations(2)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(5)
                        .measurementTime(TimeValue.seconds(1))
                        .jvmArgsAppend(BenchmarkMain.forkJvmArgs())
                        .build()).run());
            }
        }
        System.out.println();
        System.out.println("| benchmark | metrics off (msg/s) | metrics on (msg/s) | on / off | target >= 90 % |");
        System.out.println("|---|---:|---:|---:|---|");
        for (String benchmark : new String[] {"tell1Producer", "tell2Producers"}) {
            double off = median(results, benchmark, "off");
            double on = median(results, benchmark, "on");
            double ratio = on / off;
            System.out.printf("| %s | %,.0f | %,.0f | %.1f %% | %s |%n", benchmark, off, on, ratio * 100,
                    ratio >= TARGET ? "met" : "MISSED");
        }
    }

    /** The median of every measurement iteration of every fork of one benchmark and setting. */
    private static double median(Collection<RunResult> results, String benchmark, String setting) {
        List<RunResult> matching = results.stream()
                .filter(result -> result.getParams().getBenchmark().endsWith("." + benchmark)
                        && setting.equals(result.getParams().getParam("metrics")))
                .toList();
        return matching.isEmpty() ? Double.NaN : ResultsReport.merged(matching).getPercentile(50);
    }
}
