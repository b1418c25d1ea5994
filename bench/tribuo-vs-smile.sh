#!/usr/bin/env bash
# Tribuo vs Smile on one CSV, same split (portable-stratified-v1, test 0.2, seed 42), same JVM run.
# Usage: bench/tribuo-vs-smile.sh [CSV] [TREES] [THREADS] [MAX_DEPTH] [MIN_LEAF] [MAX_BINS]
# Tribuo's CART cost grows with the bins per feature: MAX_BINS (default 255) trades fit time for resolution.
# Uses dev.grove.smile.SmileTrainer when the trainer-smile module has it, else a direct Smile fit.
set -euo pipefail
cd "$(dirname "$0")/.."
CSV=${1:-/work/shared/data/synth_100k.csv}
shift || true
MODULES=trainer-tribuo
EXTRA_CP=""
if [ -f trainer-smile/src/main/java/dev/grove/smile/SmileTrainer.java ]; then
  MODULES=trainer-tribuo,trainer-smile
  EXTRA_CP=":trainer-smile/target/classes"
fi
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -pl "$MODULES" -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
# trainer-tribuo comes last in the reactor, so the file ends up holding its test classpath (Smile included)
CP="trainer-tribuo/target/test-classes:trainer-tribuo/target/classes:core/target/classes:core/target/test-classes${EXTRA_CP}:$(cat "$CP_FILE")"
exec java ${JAVA_OPTS:--Xmx8g} -Dorg.slf4j.simpleLogger.log.smile=warn -cp "$CP" dev.grove.tribuo.bench.TribuoFitBenchmark "$CSV" "$@"
