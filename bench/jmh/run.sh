#!/usr/bin/env bash
# Builds and runs Grove's JMH benchmarks (CSV read, split, evaluation, batch prediction).
#   bench/jmh/run.sh [JMH args...]        e.g. bench/jmh/run.sh CsvReadBench -p csv=/tmp/synth_1m.csv
# Defaults are short (1 fork, 2 warm-up + 3 measured iterations of 2 s) for a 2-core machine.
# The grove artifacts must be in ~/.m2 first: this script installs core and both trainers (tests skipped);
# JMH itself comes from Maven Central on the first run (later runs work offline).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
./mvnw -q -B -o install -DskipTests -pl core,trainer-smile,trainer-tribuo -am >&2
(cd bench/jmh && ../../mvnw -q -B package dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath >&2)
CP="bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)"
ARGS=("$@")
[ ${#ARGS[@]} -gt 0 ] || ARGS=(-f 1 -wi 2 -i 3 -w 2s -r 2s)
java -Xmx2g -cp "$CP" org.openjdk.jmh.Main "${ARGS[@]}"
