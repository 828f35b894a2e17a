package dev.rt.bench.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link RemoteBench} in rounds of one fork per runtime, alternating (rt-nats, pekko-artery, rt-nats,
 * ...), so drift between JVM launches hits both alike, and writes medians over the rounds.
 *
 * <pre>java -cp benchmarks.jar dev.rt.bench.remote.RemoteBenchMain [rounds] [out.md]</pre>
 */
public final class RemoteBenchMain {

    private RemoteBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path out = Path.of(args.length > 1 ? args[1] : "rt-benchmarks/results/remote/latest.md");
        String[] runtimes = {RemoteRuntime.RT_NATS, RemoteRuntime.PEKKO_ARTERY};
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String runtime : runtimes) {
                System.out.printf("%n=== round %d of %d: %s ===%n", round, rounds, runtime);
                var options = new OptionsBuilder()
                        .include(RemoteBench.class.getName() + "\\.")
                        .param("runtime", runtime)
                        .forks(1)
                        .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                        .jvmArgsAppend(jvmArgs())
                        .build();
                for (RunResult result : new Runner(options).run()) {
                    String bench = result.getParams().getBenchmark().replaceAll(".*\\.", "");
                    Statistics stats = result.getPrimaryResult().getStatistics();
                    if (bench.equals("ask")) {
                        for (double p : new double[] {50, 95, 99}) {
                            String key = "ask p" + (int) p + " (us)|" + runtime;
                            scores.computeIfAbsent(key, k -> new ArrayList<>()).add(stats.getPercentile(p));
                        }
                    } else {
                        String key = bench + " (" + result.getPrimaryResult().getScoreUnit() + ")|" + runtime;
                        scores.computeIfAbsent(key, k -> new ArrayList<>()).add(result.getPrimaryResult().getScore());
                    }
                }
            }
        }
        String report = report(scores, rounds);
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    private static String[] jvmArgs() {
        int major = Runtime.version().feature();
        return major >= 23 ? new String[] {"--sun-misc-unsafe-memory-access=allow"} : new String[0];
    }

    private static String report(Map<String, List<Double>> scores, int rounds) {
        StringBuilder md = new StringBuilder();
        md.append("# Remote messaging: rt over NATS vs Pekko Artery TCP\n\n")
                .append("JDK ").append(Runtime.version()).append(", ").append(System.getProperty("os.name")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. ").append(rounds)
                .append(" rounds, one fork per runtime per round, alternating; 2 x 1 s warm-up, 3 x 1 s measurement. ")
                .append("Two nodes in one JVM over loopback TCP: rt through a local nats-server (")
                .append("two TCP hops per message), Pekko directly (one hop). JSON on both sides. Median over rounds ")
                .append("(ask: median of each round's percentile); [min..max] over rounds.\n\n")
                .append("| benchmark | rt-nats | pekko-artery | rt / pekko |\n|---|--:|--:|--:|\n");
        Map<String, double[]> byBench = new LinkedHashMap<>();
        scores.forEach((key, values) -> {
            String[] parts = key.split("\\|");
            double[] pair = byBench.computeIfAbsent(parts[0], k -> new double[] {Double.NaN, Double.NaN});
            pair[parts[1].equals(RemoteRuntime.RT_NATS) ? 0 : 1] = median(values);
        });
        byBench.forEach((bench, pair) -> md.append("| ").append(bench).append(" | ")
                .append(format(pair[0], scores.get(bench + "|" + RemoteRuntime.RT_NATS))).append(" | ")
                .append(format(pair[1], scores.get(bench + "|" + RemoteRuntime.PEKKO_ARTERY))).append(" | ")
                .append(String.format("%.2f", pair[0] / pair[1])).append(" |\n"));
        md.append("\nFor throughput higher is better; for ask latency lower is better.\n");
        return md.toString();
    }

    private static String format(double median, List<Double> values) {
        if (values == null) {
            return "-";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format("%,.1f [%,.1f..%,.1f]", median, min, max);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
