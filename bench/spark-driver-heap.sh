#!/usr/bin/env bash
# Shows the spark trainer's driver never holds the rows: trains a CSV whose rows alone would not fit
# in a 512 MB heap as Grove's in-memory Dataset, through spark-submit on local[2] with a 512 MB driver
# (in local mode the executors share the driver's JVM: the whole training lives in those 512 MB).
#
#   bench/spark-driver-heap.sh [ROWS=4000000] [TREES=3] [MAX_DEPTH=8]
#
# The file: bench/make_synth.py's recipe (20 numeric features, 3 classes) with ROWS rows, seed ROWS/1000,
# in ${DATA_DIR:-/tmp} (kept for the next run; ~195 bytes a row as text). Grove's in-memory Dataset keeps
# a double per feature cell and an int per label: 20 × 8 + 4 = 164 bytes a row, so 4,000,000 rows need
# 656 MB of arrays before any reading buffer — more than the whole 512 MB heap. CONTROL=1 (default) first
# shows that: the smile trainer (grove.jar, in-memory) on the same file and heap, which must fail.
#
# Prints: wall seconds, peak RSS of the driver JVM (GNU time), its peak heap use (from the GC log), the run's
# partitions, train/test rows and accuracy. Needs Java 17, python3-sklearn (the generator), /usr/bin/time.
# Builds cli (grove.jar) and trainer-spark-job (the job jar and Spark's class path) with ./mvnw;
# MVN_OPTS passes extra Maven options (e.g. "-o -Dmaven.repo.local=…").
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-4000000}
TREES=${2:-3}
DEPTH=${3:-8}
DATA_DIR=${DATA_DIR:-/tmp}
CSV="$DATA_DIR/synth_rows_$ROWS.csv"
HEAP=512m
# KEEP=dir keeps the raw outputs (JSON, logs, GC log, timings) there.
if [ -n "${KEEP:-}" ]; then OUT=$KEEP; mkdir -p "$OUT"; else OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT; fi
mkdir -p "$OUT/models" "$OUT/control"   # grove train never creates the model's folder

echo "== building grove.jar and grove-spark-job.jar" >&2
# shellcheck disable=SC2086
(cd "$ROOT" && ./mvnw -B -q ${MVN_OPTS:-} -pl trainer-spark-job -am package -DskipTests)
JOB="$ROOT/trainer-spark-job/target/grove-spark-job.jar"
SPARK_CP=$(cat "$ROOT/trainer-spark-job/target/spark-classpath.txt")

if [ ! -s "$CSV" ]; then
    echo "== generating $ROWS rows into $CSV" >&2
    /usr/bin/python3 "$ROOT/bench/make_synth.py" "$ROWS" "$((ROWS / 1000))" "$CSV"
fi
echo "== $CSV: $(du -m "$CSV" | cut -f1) MB, $ROWS rows; as a Grove Dataset: $((ROWS * 164 / 1048576)) MB of arrays" >&2

if [ "${CONTROL:-1}" = 1 ]; then
    echo "== control: the in-memory smile trainer, -Xmx$HEAP" >&2
    set +e
    /usr/bin/time -f "%e %M" -o "$OUT/control.time" java "-Xmx$HEAP" -jar "$ROOT/cli/target/grove.jar" train \
        --trainer smile --dataset "$CSV" --n-estimators "$TREES" --max-depth "$DEPTH" --db "$OUT/control.db" \
        --save-path "$OUT/control/model.bin" --json > "$OUT/control.json" 2> "$OUT/control.err"
    control_exit=$?
    set -e
    read -r cwall crss < <(tail -n 1 "$OUT/control.time")
    echo "control: exit $control_exit after ${cwall} s, peak RSS $((crss / 1024)) MB: $(tail -n 1 "$OUT/control.err")"
fi

# The options Spark's own launcher (bin/spark-submit) gives the driver JVM on Java 17.
MODULE_OPTS=$(java -cp "$SPARK_CP" "$ROOT/bench/SparkModuleOptions.java")

echo "== spark: local[2], driver -Xmx$HEAP, $TREES trees, max depth $DEPTH" >&2
# shellcheck disable=SC2086
/usr/bin/time -f "%e %M" -o "$OUT/spark.time" java "-Xmx$HEAP" $MODULE_OPTS "-Xlog:gc:file=$OUT/gc.log" \
    -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --class dev.grove.cli.Main "$JOB" train --trainer spark --dataset "$CSV" --format csv \
    --n-estimators "$TREES" --max-depth "$DEPTH" --db "$OUT/grove.db" --save-path "$OUT/models/model.bin" --json \
    > "$OUT/spark.json" 2> "$OUT/spark.err" || { tail -n 30 "$OUT/spark.err" >&2; echo "spark run failed" >&2; exit 1; }
read -r wall rss < <(tail -n 1 "$OUT/spark.time") || true
# Unified JVM logging: "... Pause Young (Normal) (G1 Evacuation Pause) 301M->42M(512M) 3.1ms": the heap in use
# before each collection; the largest is the peak (to within one allocation burst).
peak=$( (grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$OUT/gc.log" || true) | sed -E 's/M->.*//' | sort -n | tail -n 1)
fulls=$(grep -c 'Pause Full' "$OUT/gc.log" || true)
python3 - "$OUT/spark.json" "$wall" "$rss" "${peak:-0}" "${fulls:-0}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("spark: wall %s s, driver peak RSS %d MB, heap in use at most %s MB of 512 (%s full GCs), accuracy %.4f, %s train / %s test rows, partitions %s; stage seconds %s"
      % (sys.argv[2], int(sys.argv[3]) // 1024, sys.argv[4], sys.argv[5], r["accuracy"], r.get("train_samples"),
         r.get("test_samples"), (r.get("params") or {}).get("partitions"), r.get("stage_seconds")))
PY
