#!/usr/bin/env bash
# Builds rt-benchmarks and runs the rt vs Apache Pekko comparison.
#
#   rt-benchmarks/run.sh                 whole JMH suite (~13 min on 2 cores), then envelope sizes and the
#                                        memory footprint; summary in rt-benchmarks/results/latest.md,
#                                        JMH JSON in rt-benchmarks/results/latest.json
#   rt-benchmarks/run.sh 'PingPong|Ask'  only the JMH benchmarks matching the regex (no memory/envelope)
#   rt-benchmarks/run.sh --quick         1 fork, short iterations: checks that everything runs
#   rt-benchmarks/run.sh --help          all BenchmarkMain options
#
# Environment: JAVA_HOME picks the JDK (17 or newer, e.g. /usr/lib/jvm/temurin-25-jdk-amd64);
# SKIP_BUILD=1 reuses the jar; SKIP_EXTRAS=1 skips envelope and memory measurements.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi
JAR=rt-benchmarks/target/benchmarks.jar

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl rt-benchmarks -am package -DskipTests
fi

# Options with a value, to tell a regex apart from an option's argument; --out moves the results.
OUT=rt-benchmarks/results
SUBSET=0
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --forks|--latency-forks|--warmup|--iterations|--runtimes) i=$((i + 1)) ;;
    --out) i=$((i + 1)); OUT="${args[i]}" ;;
    -h|--help) SUBSET=1 ;;
    -*) ;;
    *) SUBSET=1 ;;
  esac
done

JAVA_MAJOR=$("$JAVA" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+).*/\1/')
JVM_OPTS=()
if [ "$JAVA_MAJOR" -ge 23 ]; then
  # JOL and Pekko use sun.misc.Unsafe; JDK 23+ warns about it unless allowed.
  JVM_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi

"$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" "$@"

if [ "$SUBSET" = 0 ] && [ "${SKIP_EXTRAS:-0}" != 1 ]; then
  mkdir -p "$OUT"
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" dev.rt.bench.EnvelopeSize | tee -a "$OUT/latest.md"
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" dev.rt.bench.MemoryFootprint | tee -a "$OUT/latest.md"
fi
