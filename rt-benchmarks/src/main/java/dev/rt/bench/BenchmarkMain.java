package dev.rt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the rt-versus-Pekko JMH suite, writes the JMH results as JSON and a markdown summary (medians and
 * ratios) to the results directory, and prints the summary.
 *
 * <pre>
 * java -jar benchmarks.jar [options] [regex]
 *   regex            run only benchmarks whose name matches (e.g. "PingPong|Ask")
 *   --quick          1 fork, 1 x 1 s warm-up, 2 x 1 s measurement: checks that everything runs
 *   --forks N        rounds per benchmark, one fork each, runtimes alternating (default 3)
 *   --latency-forks N  rounds for AskBenchmark and PingPongBenchmark (default 5): their scores hinge on
 *                    cross-thread wake-up latency and thread placement, which shift between JVM launches
 *   --warmup N       warm-up iterations of 1 s (default 2)
 *   --iterations N   measurement iterations of 1 s (default 5)
 *   --runtimes LIST  comma-separated subset of rt,pekko,pekko-default
 *   --out DIR        results directory (default rt-benchmarks/results, or ./results if that is absent)
 * </pre>
 *
 * The whole suite takes about 13 minutes on 2 cores with the defaults (run.sh adds about a minute for
 * the envelope and memory mains).
 */
public final class BenchmarkMain {

    private static final String ALL = "dev\\.rt\\.bench\\..*Benchmark\\.";
    /** Benchmarks whose results hinge on cross-thread wake-ups and thread placement: more forks. */
    private static final String LATENCY_BOUND = "AskBenchmark|PingPongBenchmark";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Files.createDirectories(settings.out);

        List<RunResult> results = new ArrayList<>();
        List<Path> roundFiles = new ArrayList<>();
        // Rounds of one fork each, so the runtimes alternate (rt, pekko, pekko-default, rt, ...) and a
        // machine that drifts between JVM launches affects all of them alike. The latency-bound
        // benchmarks take part in more rounds.
        int rounds = Math.max(settings.forks, settings.latencyForks);
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("%n=== round %d of %d ===%n", round, rounds);
            if (round <= settings.forks) {
                Path file = settings.out.resolve("round-" + round + "-main.json.tmp");
                roundFiles.add(file);
                results.addAll(run(settings, 1, LATENCY_BOUND, file));
            }
            if (round <= settings.latencyForks) {
                Path file = settings.out.resolve("round-" + round + "-latency.json.tmp");
                roundFiles.add(file);
                results.addAll(run(settings, 1, "^(?!.*(" + LATENCY_BOUND + "))", file));
            }
        }

        Path json = settings.out.resolve("latest.json");
        Files.writeString(json, mergeJsonArrays(roundFiles.toArray(Path[]::new)));
        for (Path file : roundFiles) {
            Files.deleteIfExists(file);
        }

        String markdown = ResultsReport.markdown(results, settings.describe());
        Path md = settings.out.resolve("latest.md");
        Files.writeString(md, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("JMH results: " + json.toAbsolutePath());
        System.out.println("Summary:     " + md.toAbsolutePath());
    }

    /** Runs what the regex selects minus what {@code exclude} matches. */
    private static Collection<RunResult> run(Settings settings, int forks, String exclude, Path json)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(settings.regex)
                .exclude(exclude)
                .forks(forks)
                .warmupIterations(settings.warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend(forkJvmArgs())
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (settings.runtimes != null) {
            options.param("runtime", settings.runtimes);
        }
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    /** The same heap for every runtime; on JDK 23+ allow Pekko's sun.misc.Unsafe use without warnings. */
    static String[] forkJvmArgs() {
        List<String> jvm = new ArrayList<>(List.of("-Xms2g", "-Xmx2g"));
        if (Runtime.version().feature() >= 23) {
            jvm.add("--sun-misc-unsafe-memory-access=allow");
        }
        return jvm.toArray(String[]::new);
    }

    private static String mergeJsonArrays(Path... files) throws IOException {
        List<String> parts = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            String text = Files.readString(file).trim();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1).trim();
            }
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        return "[\n" + String.join(",\n", parts) + "\n]\n";
    }

    /** Command-line settings. */
    static final class Settings {
        String regex = ALL;
        int forks = 3;
        int latencyForks = 5;
        int warmup = 2;
        int iterations = 5;
        String[] runtimes;
        Path out = Files.isDirectory(Path.of("rt-benchmarks")) ? Path.of("rt-benchmarks", "results")
                : Path.of("results");

        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--quick" -> {
                        s.forks = 1;
                        s.latencyForks = 1;
                        s.warmup = 1;
                        s.iterations = 2;
                    }
                    case "--forks" -> s.forks = Integer.parseInt(value(args, ++i, arg));
                    case "--latency-forks" -> s.latencyForks = Integer.parseInt(value(args, ++i, arg));
                    case "--warmup" -> s.warmup = Integer.parseInt(value(args, ++i, arg));
                    case "--iterations" -> s.iterations = Integer.parseInt(value(args, ++i, arg));
                    case "--runtimes" -> s.runtimes = value(args, ++i, arg).split(",");
                    case "--out" -> s.out = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        System.out.println("usage: java -jar benchmarks.jar [--quick] [--forks N] [--latency-forks N] "
                                + "[--warmup N] [--iterations N] [--runtimes rt,pekko,pekko-default] [--out DIR] "
                                + "[regex]");
                        System.exit(0);
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
                        }
                        s.regex = arg;
                    }
                }
            }
            return s;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        String describe() {
            return forks + " fork(s) (ask and ping-pong: " + latencyForks + "), " + warmup + " x 1 s warm-up, "
                    + iterations + " x 1 s measurement, fork JVM args " + String.join(" ", forkJvmArgs())
                    + (ALL.equals(regex) ? "" : ", subset /" + regex + "/");
        }
    }
}
