#!/usr/bin/env bash
# Batch prediction throughput, Grove against scikit-learn, on the same test rows and forest size:
#   bench/predict-vs-sklearn.sh [CSV=/tmp/synth_1m.csv] [MODEL=/tmp/synth_1m-smile-100.model] [PKL=/tmp/synth_1m-sklearn-100.pkl]
# MODEL is a Grove model SaveBatchModel wrote (trained once: minutes on synth_1m), PKL the forest
# sklearn-predict.py fits and keeps the first time. Alternates the two ROUNDS times (default 2);
# each round reports the best of 3 predictions of the portable split's test rows (test 0.2,
# seed 42), every core, and the ratio of throughputs, with the load average. Needs bench/jmh built
# (bench/jmh/run.sh does it; env MVN_REPO for a Maven repository other than ~/.m2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:-/tmp/synth_1m.csv}
MODEL=${2:-/tmp/synth_1m-smile-100.model}
PKL=${3:-/tmp/synth_1m-sklearn-100.pkl}
ROUNDS=${ROUNDS:-2}
CP="$ROOT/bench/jmh/target/classes:$(cat "$ROOT/bench/jmh/target/jmh.classpath")"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for round in $(seq "$ROUNDS"); do
  load0=$(cut -d' ' -f1 /proc/loadavg)
  REPS=3 /usr/bin/python3 "$ROOT/bench/sklearn-predict.py" "$CSV" label 100 42 "$PKL" > "$OUT/sk.json"
  java -Xmx4g -cp "$CP" org.openjdk.jmh.Main BatchPredictBench -f 1 -wi 2 -i 3 \
    -p csv="$CSV" -p model="$MODEL" -rf json -rff "$OUT/grove.json" > "$OUT/jmh.log"
  load1=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/python3 - "$OUT/sk.json" "$OUT/grove.json" "$round" "$load0" "$load1" <<'PY'
import json, sys
sk = json.load(open(sys.argv[1]))
g = json.load(open(sys.argv[2]))[0]
best = min(v for fork in g["primaryMetric"]["rawData"] for v in fork) / 1000.0
rows = sk["rows"]
print(f"round {sys.argv[3]}: {rows} rows; grove best {best:.3f} s ({rows / best:,.0f} rows/s); "
      f"sklearn best {sk['best_seconds']:.3f} s ({sk['rows_per_second']:,} rows/s); "
      f"grove/sklearn throughput {sk['best_seconds'] / best:.2f}x; load {sys.argv[4]} -> {sys.argv[5]}")
PY
done
