#!/usr/bin/env bash
# Remote messaging: rt over NATS against Pekko Artery TCP, in alternating rounds (one fork per runtime per
# round), medians written to rt-benchmarks/results/remote/jdk<N>.md. Needs nats-server (apt-get install
# nats-server, or NATS_SERVER_BIN). About a minute per round on 2 cores.
#
#   rt-benchmarks/run-remote.sh [rounds]          (5 by default)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 rt-benchmarks/run-remote.sh 3
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl rt-benchmarks -am package -DskipTests
fi
JAVA_MAJOR=$("$JAVA" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+).*/\1/')
JVM_OPTS=()
if [ "$JAVA_MAJOR" -ge 23 ]; then
  JVM_OPTS+=(--sun-misc-unsafe-memory-access=allow)
fi
"$JAVA" "${JVM_OPTS[@]}" -cp rt-benchmarks/target/benchmarks.jar dev.rt.bench.remote.RemoteBenchMain \
  "${1:-5}" "rt-benchmarks/results/remote/jdk${JAVA_MAJOR}.md"
