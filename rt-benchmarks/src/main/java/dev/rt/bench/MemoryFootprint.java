package dev.rt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Retained heap per idle actor, rt against Pekko typed. Not a JMH benchmark: every measurement runs in
 * a fresh JVM (G1, same heap for both runtimes) that starts the actor system, spawns a few thousand
 * actors to load and warm everything, takes the used heap after full GCs, spawns N idle top-level
 * actors (each has run its start hook, none has received a message; one shared stateless actor /
 * behavior, so the actor object itself costs nothing), takes the used heap after full GCs again and
 * divides the difference by N. What is counted is everything the runtime keeps for an actor: its cell,
 * mailbox, name, address, the parent's child-table entry and so on. A last run checks whether
 * 1,000,000 idle rt actors fit in {@code -Xmx1g}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rt.bench.MemoryFootprint [runtime...]   (default: rt pekko)
 * </pre>
 */
public final class MemoryFootprint {

    private static final int[] COUNTS = {100_000, 1_000_000};
    private static final int WARM_UP_ACTORS = 5_000;
    private static final String MEASURE_HEAP = "-Xmx4g";
    private static final String RESULT = "RESULT ";

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && "--child".equals(args[0])) {
            child(args[1], Integer.parseInt(args[2]));
            return;
        }
        List<String> runtimes = args.length == 0 ? List.of(BenchRuntime.RT, BenchRuntime.PEKKO) : List.of(args);
        Map<String, Map<Integer, String>> table = new LinkedHashMap<>();
        for (String runtime : runtimes) {
            for (int count : COUNTS) {
                Outcome outcome = runChild(runtime, count, MEASURE_HEAP);
                System.err.printf(Locale.ROOT, "%s, %,d actors: %s%n", runtime, count, outcome.text());
                table.computeIfAbsent(runtime, k -> new LinkedHashMap<>()).put(count, outcome.text());
            }
        }
        Outcome fit = runChild(BenchRuntime.RT, 1_000_000, "-Xmx1g");

        StringBuilder md = new StringBuilder();
        md.append("## Retained heap per idle actor\n\n");
        md.append("Fresh JVM per cell (").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.vm.version")).append(", G1, ").append(MEASURE_HEAP)
                .append("); used heap after full GCs before and after spawning N idle top-level actors, "
                        + "divided by N.\n\n");
        md.append("| Runtime |");
        for (int count : COUNTS) {
            md.append(String.format(Locale.ROOT, " %,d actors |", count));
        }
        md.append("\n|---|");
        md.append("--:|".repeat(COUNTS.length)).append('\n');
        table.forEach((runtime, cells) -> {
            md.append("| ").append(runtime).append(" |");
            for (int count : COUNTS) {
                md.append(' ').append(cells.get(count)).append(" |");
            }
            md.append('\n');
        });
        md.append("\n1,000,000 idle rt actors in `-Xmx1g`: ")
                .append(fit.ok() ? "**fit** (" + fit.text() + ")" : "**do not fit** (" + fit.text() + ")")
                .append(".\nTarget: ≤ 400 B per idle rt actor (Pekko about 790 B).\n\n");
        System.out.print(md);
    }

    private record Outcome(boolean ok, String text) {
    }

    private static Outcome runChild(String runtime, int count, String heap) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-XX:+UseG1GC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryFootprint.class.getName());
        command.add("--child");
        command.add(runtime);
        command.add(Integer.toString(count));
        Path log = Files.createTempFile("rt-memory-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Outcome(false, "timed out");
            }
            String output = Files.readString(log);
            String result = output.lines().filter(line -> line.startsWith(RESULT)).findFirst()
                    .map(line -> line.substring(RESULT.length())).orElse(null);
            if (process.exitValue() == 0 && result != null) {
                return new Outcome(true, result);
            }
            boolean oom = output.contains("OutOfMemoryError");
            if (!oom) {
                System.err.print(output);
            }
            return new Outcome(false, oom ? "OutOfMemoryError" : "failed, exit " + process.exitValue());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void child(String runtime, int count) throws InterruptedException {
        try (BenchRuntime system = BenchRuntime.create(runtime, "memory")) {
            system.spawnIdle(WARM_UP_ACTORS);
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            system.spawnIdle(count);
            long spawnMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long after = usedHeapAfterGc();
            double perActor = (double) (after - before) / count;
            System.out.printf(Locale.ROOT, "%s%.0f B/actor (heap %d MB, spawned in %d ms)%n", RESULT, perActor,
                    after >> 20, spawnMillis);
            System.out.flush();
        }
    }

    /** Used heap after full collections: the lowest of several readings. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            // Let G1 finish concurrent work and reference processing before reading the heap.
            Thread.sleep(200);
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
