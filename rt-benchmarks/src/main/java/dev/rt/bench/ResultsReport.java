package dev.rt.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns JMH results into a markdown table: one row per benchmark (and percentile for ask), one column
 * per runtime with the median over all measurement iterations of all forks, and how many times better rt
 * is than each Pekko variant. Targets are checked against the better of the two Pekko variants.
 */
final class ResultsReport {

    private static final String[] RUNTIMES = {BenchRuntime.RT, BenchRuntime.PEKKO, BenchRuntime.PEKKO_DEFAULT};

    /** How a row's target is judged. */
    private enum TargetKind { NONE, RT_AT_MOST, RATIO_AT_LEAST }

    /**
     * @param benchmark class and method, e.g. {@code TellBenchmark.tell1Producer}
     * @param percentile the percentile to show for sampled benchmarks, 50 otherwise (the median)
     * @param scale multiplies the JMH score into the shown unit
     */
    private record Row(String benchmark, String label, String unit, double percentile, double scale,
                       TargetKind target, double bound) {
        String targetText() {
            return switch (target) {
                case NONE -> "";
                case RT_AT_MOST -> "rt ≤ " + fmt(bound) + " " + unit;
                case RATIO_AT_LEAST -> "≥ " + fmt(bound) + "× Pekko";
            };
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row("TellBenchmark.tell1Producer", "tell, 1 producer (producer-side)", "ns/msg", 50, 1,
                    TargetKind.RT_AT_MOST, 40),
            new Row("TellBenchmark.tell2Producers", "tell, 2 producers (producer-side, per thread)", "ns/msg", 50,
                    1, TargetKind.NONE, 0),
            new Row("FanInBenchmark.fanIn1Producer", "fan-in, 1 producer", "msgs/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 3),
            new Row("FanInBenchmark.fanIn2Producers", "fan-in, 2 producers", "msgs/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 3),
            new Row("FanInBenchmark.fanIn4Producers", "fan-in, 4 producers", "msgs/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 3),
            new Row("PingPongBenchmark.pingPong", "ping-pong", "round trips/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 2),
            new Row("ForkJoinBenchmark.forkJoin", "fork-join, 1,000 actors", "msgs/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 1.5),
            new Row("AskBenchmark.ask", "ask round trip p50", "µs", 50, 1, TargetKind.RATIO_AT_LEAST, 4),
            new Row("AskBenchmark.ask", "ask round trip p95", "µs", 95, 1, TargetKind.NONE, 0),
            new Row("AskBenchmark.ask", "ask round trip p99", "µs", 99, 1, TargetKind.NONE, 0),
            new Row("SpawnBenchmark.spawn", "spawn (until started)", "ns/actor", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 3),
            new Row("RestartBenchmark.restart", "restarts of an always-failing actor", "restarts/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 2),
            new Row("RestartBenchmark.supervisedRestart", "restarts under a supervisor", "restarts/s", 50, 1,
                    TargetKind.RATIO_AT_LEAST, 2),
            new Row("RouterBenchmark.roundRobinPool", "round-robin pool of 4", "msgs/s", 50, 1,
                    TargetKind.NONE, 0),
            new Row("RouterBenchmark.directTell", "direct tell to 4 actors in turn", "msgs/s", 50, 1,
                    TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.plainTell", "rt: plain tell (baseline)", "msgs/s", 50, 1,
                    TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.supervisedTell", "rt: tell to a supervised actor", "msgs/s", 50, 1,
                    TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.atLeastOnceByType", "rt: at-least-once (declared on the type)", "msgs/s",
                    50, 1, TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.atLeastOncePerSend", "rt: at-least-once (chosen per send)", "msgs/s", 50,
                    1, TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.topicBaselineDirect", "rt: tell 4 actors directly (baseline)", "msgs/s",
                    50, 1, TargetKind.NONE, 0),
            new Row("RtFeaturesBenchmark.topicPublish", "rt: topic with 4 subscribers", "msgs/s", 50, 1,
                    TargetKind.NONE, 0));

    /** rt against its own baseline in the same fork: a rate as a share of the baseline's rate. */
    private record OwnRatio(String label, String benchmark, String baseline, double atLeast) {
    }

    private static final List<OwnRatio> OWN_RATIOS = List.of(
            new OwnRatio("round-robin pool of 4 / direct tell to the same actors", "RouterBenchmark.roundRobinPool",
                    "RouterBenchmark.directTell", 0.9),
            new OwnRatio("at-least-once chosen per send / plain tell (at most 2x the cost)",
                    "RtFeaturesBenchmark.atLeastOncePerSend", "RtFeaturesBenchmark.plainTell", 0.5),
            new OwnRatio("at-least-once declared on the type / plain tell", "RtFeaturesBenchmark.atLeastOnceByType",
                    "RtFeaturesBenchmark.plainTell", 0.5),
            new OwnRatio("tell to a supervised actor / plain tell", "RtFeaturesBenchmark.supervisedTell",
                    "RtFeaturesBenchmark.plainTell", 0),
            new OwnRatio("topic with 4 subscribers / telling them directly", "RtFeaturesBenchmark.topicPublish",
                    "RtFeaturesBenchmark.topicBaselineDirect", 0));

    private ResultsReport() {
    }

    static String markdown(Collection<RunResult> results, String settings) {
        // benchmark (class.method) -> runtime -> the results of every round (one fork each)
        Map<String, Map<String, List<RunResult>>> byBenchmark = new LinkedHashMap<>();
        BenchmarkParams anyParams = null;
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            anyParams = params;
            String runtime = params.getParam("runtime");
            byBenchmark.computeIfAbsent(shortName(params.getBenchmark()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(runtime == null ? BenchRuntime.RT : runtime, k -> new ArrayList<>())
                    .add(result);
        }

        List<Row> rows = new ArrayList<>();
        for (Row row : ROWS) {
            if (byBenchmark.containsKey(row.benchmark())) {
                rows.add(row);
            }
        }
        for (Map.Entry<String, Map<String, List<RunResult>>> entry : byBenchmark.entrySet()) {
            boolean known = ROWS.stream().anyMatch(r -> r.benchmark().equals(entry.getKey()));
            if (!known) {
                RunResult any = entry.getValue().values().iterator().next().get(0);
                rows.add(new Row(entry.getKey(), entry.getKey(), any.getPrimaryResult().getScoreUnit(), 50, 1,
                        TargetKind.NONE, 0));
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# rt vs Apache Pekko typed: benchmark summary\n\n");
        md.append("Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(". ");
        if (anyParams != null) {
            md.append("JDK ").append(anyParams.getJdkVersion()).append(" (").append(anyParams.getVmName())
                    .append(' ').append(anyParams.getVmVersion()).append("), ");
        }
        md.append(Runtime.getRuntime().availableProcessors()).append(" cores, Pekko ")
                .append(org.apache.pekko.Version.current()).append(", JMH ")
                .append(anyParams == null ? "?" : anyParams.getJmhVersion()).append(".\n");
        md.append("Settings: ").append(settings).append(".\n\n");
        md.append("- **rt**: `ActorSystem.builder(name).build()` defaults (work-stealing dispatcher, one thread "
                + "per core).\n");
        md.append("- **pekko**: Pekko typed, default dispatcher as `fork-join-executor` with parallelism-min = "
                + "parallelism-max = cores.\n");
        md.append("- **pekko-default**: Pekko typed with its stock configuration.\n");
        md.append("- Logging off everywhere (slf4j-nop; Pekko `loglevel = OFF`, no dead-letter logging).\n");
        md.append("- Runs in rounds: each round is one fork of every benchmark for every runtime, so the "
                + "runtimes alternate and drift of the machine hits both. Values are medians over all "
                + "measurement iterations of all rounds (ask: percentiles over all samples). \"rt vs X\" is how many times better rt is (higher rate or lower time); the "
                + "target is judged against the better Pekko variant.\n\n");

        md.append("| Benchmark | Unit | rt | pekko | pekko-default | rt vs pekko | rt vs pekko-default | "
                + "Target | Met |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|---|---|\n");
        for (Row row : rows) {
            Map<String, List<RunResult>> byRuntime = byBenchmark.get(row.benchmark());
            Double[] values = new Double[RUNTIMES.length];
            boolean higherIsBetter = false;
            for (int i = 0; i < RUNTIMES.length; i++) {
                List<RunResult> rounds = byRuntime.get(RUNTIMES[i]);
                if (rounds != null) {
                    values[i] = merged(rounds).getPercentile(row.percentile()) * row.scale();
                    higherIsBetter = rounds.get(0).getParams().getMode() == Mode.Throughput;
                }
            }
            Double vsPekko = advantage(values[0], values[1], higherIsBetter);
            Double vsDefault = advantage(values[0], values[2], higherIsBetter);
            md.append("| ").append(row.label()).append(" | ").append(row.unit());
            for (Double value : values) {
                md.append(" | ").append(value == null ? "–" : fmt(value));
            }
            md.append(" | ").append(ratio(vsPekko)).append(" | ").append(ratio(vsDefault));
            md.append(" | ").append(row.targetText()).append(" | ").append(verdict(row, values[0], vsPekko,
                    vsDefault)).append(" |\n");
        }
        md.append('\n');
        appendOwnRatios(md, byBenchmark);
        appendSpread(md, rows, byBenchmark);
        return md.toString();
    }

    /** Medians of rt's rates against its own baselines, when both ran. */
    private static void appendOwnRatios(StringBuilder md, Map<String, Map<String, List<RunResult>>> results) {
        StringBuilder table = new StringBuilder();
        for (OwnRatio ratio : OWN_RATIOS) {
            List<RunResult> measured = results.getOrDefault(ratio.benchmark(), Map.of()).get(BenchRuntime.RT);
            List<RunResult> baseline = results.getOrDefault(ratio.baseline(), Map.of()).get(BenchRuntime.RT);
            if (measured == null || baseline == null) {
                continue;
            }
            double share = merged(measured).getPercentile(50) / merged(baseline).getPercentile(50);
            table.append("| ").append(ratio.label()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f %%", share * 100)).append(" | ")
                    .append(ratio.atLeast() == 0 ? "" : String.format(Locale.ROOT, "≥ %.0f %%", ratio.atLeast() * 100))
                    .append(" | ").append(ratio.atLeast() == 0 ? "" : share >= ratio.atLeast() ? "yes" : "**no**")
                    .append(" |\n");
        }
        if (table.length() > 0) {
            md.append("rt against its own baseline (medians of the same rounds):\n\n");
            md.append("| Comparison | rt | Target | Met |\n|---|--:|---|---|\n").append(table).append('\n');
        }
    }

    /**
     * Lowest and highest iteration scores: several of these benchmarks are bimodal on a small machine
     * (thread placement and wake-ups decide between two speeds), which a median alone hides.
     */
    private static void appendSpread(StringBuilder md, List<Row> rows,
                                     Map<String, Map<String, List<RunResult>>> results) {
        StringBuilder table = new StringBuilder();
        for (Row row : rows) {
            Map<String, List<RunResult>> byRuntime = results.get(row.benchmark());
            RunResult first = byRuntime.values().iterator().next().get(0);
            if (first.getParams().getMode() == Mode.SampleTime) {
                continue;
            }
            table.append("| ").append(row.label()).append(" | ").append(row.unit());
            for (String runtime : RUNTIMES) {
                List<RunResult> rounds = byRuntime.get(runtime);
                if (rounds == null) {
                    table.append(" | –");
                } else {
                    Statistics stats = merged(rounds);
                    table.append(" | ").append(fmt(stats.getMin() * row.scale())).append(" – ")
                            .append(fmt(stats.getMax() * row.scale())).append(" (n=").append(stats.getN())
                            .append(')');
                }
            }
            table.append(" |\n");
        }
        if (table.length() > 0) {
            md.append("Spread: lowest – highest iteration score (n = iterations over all rounds).\n\n");
            md.append("| Benchmark | Unit | rt | pekko | pekko-default |\n|---|---|--:|--:|--:|\n");
            md.append(table).append('\n');
        }
    }

    private static String verdict(Row row, Double rt, Double vsPekko, Double vsDefault) {
        switch (row.target()) {
            case RT_AT_MOST -> {
                return rt == null ? "" : rt <= row.bound() ? "yes" : "**no**";
            }
            case RATIO_AT_LEAST -> {
                if (vsPekko == null && vsDefault == null) {
                    return "";
                }
                double worst = Math.min(vsPekko == null ? Double.MAX_VALUE : vsPekko,
                        vsDefault == null ? Double.MAX_VALUE : vsDefault);
                return worst >= row.bound() ? "yes" : "**no**";
            }
            default -> {
                return "";
            }
        }
    }

    /** @return how many times better rt is than the other, or null if either is missing */
    private static Double advantage(Double rt, Double other, boolean higherIsBetter) {
        if (rt == null || other == null || rt == 0 || other == 0) {
            return null;
        }
        return higherIsBetter ? rt / other : other / rt;
    }

    private static String ratio(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /**
     * All rounds of one benchmark and runtime as one distribution: every sample for sampled
     * latencies, every measurement iteration's score otherwise.
     */
    static Statistics merged(List<RunResult> rounds) {
        if (rounds.get(0).getParams().getMode() == Mode.SampleTime) {
            MultisetStatistics samples = new MultisetStatistics();
            for (RunResult round : rounds) {
                Iterator<Map.Entry<Double, Long>> raw = round.getPrimaryResult().getStatistics().getRawData();
                while (raw.hasNext()) {
                    Map.Entry<Double, Long> entry = raw.next();
                    samples.addValue(entry.getKey(), entry.getValue());
                }
            }
            return samples;
        }
        ListStatistics scores = new ListStatistics();
        for (RunResult round : rounds) {
            for (BenchmarkResult fork : round.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    scores.addValue(iteration.getPrimaryResult().getScore());
                }
            }
        }
        return scores;
    }

    static String fmt(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", value / 1e9);
        }
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.1f k", value / 1e3);
        }
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
