#!/usr/bin/env bash
# Reads a CSV with Grove's streaming reader a few times: rows/s, MB/s, retained and peak heap, RSS.
#   bench/read-csv.sh FILE [REPEATS] [HEAP]      e.g. bench/read-csv.sh /tmp/synth_1m.csv 3 512m
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: bench/read-csv.sh FILE [REPEATS] [HEAP]}
./mvnw -q -B -pl core test-compile
./mvnw -q -B -pl core dependency:build-classpath -Dmdep.outputFile=target/core.cp >/dev/null
cp="core/target/classes:core/target/test-classes:$(cat core/target/core.cp)"  # the plugin writes relative to the module
/usr/bin/time -f "peak RSS %M kB, wall %e s" java "-Xmx${3:-512m}" -cp "$cp" dev.grove.bench.CsvReadBenchmark "$file" "${2:-3}"
