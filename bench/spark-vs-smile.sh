#!/usr/bin/env bash
# The spark trainer on local[2] against the smile trainer on one CSV, one after the other (never two
# at a time), same trees, depth and seed: wall (whole process), driver peak RSS and peak heap used,
# accuracy, and Spark's per-task costs read from its event log — the measured basis of the scaling
# projection in bench/README.md.
#
#   bench/spark-vs-smile.sh CSV [TREES=20] [MAX_DEPTH=15] [PARTITIONS=4]
#
# Each trainer holds out 20 % of each class with its own split (smile: portable-stratified-v1,
# spark: spark-hash-stratified-v1), so the accuracies are on different rows of the same file; for
# accuracy on the very same rows see trainer-spark's SparkVsSmileComparison. Both JVMs get -Xmx4g
# (HEAP=…); in local mode Spark's executors run inside the driver JVM, so the whole training is in
# that one process. Prints one table and, from the event log, per stage: tasks, summed task time
# and the longest task. Needs Java 17 and /usr/bin/time. Builds cli (grove.jar) and
# trainer-spark-job (the job jar and Spark's class path); MVN_OPTS passes Maven options.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:?usage: bench/spark-vs-smile.sh CSV [TREES] [MAX_DEPTH] [PARTITIONS]}
TREES=${2:-20}
DEPTH=${3:-15}
PARTS=${4:-4}
HEAP=${HEAP:-4g}
OUT=${KEEP:-$(mktemp -d)}
mkdir -p "$OUT/smile" "$OUT/spark" "$OUT/events"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT

echo "== building grove.jar and grove-spark-job.jar" >&2
# shellcheck disable=SC2086
(cd "$ROOT" && ./mvnw -B -q ${MVN_OPTS:-} -pl cli,trainer-spark-job -am package -DskipTests)
JOB="$ROOT/trainer-spark-job/target/grove-spark-job.jar"
SPARK_CP=$(cat "$ROOT/trainer-spark-job/target/spark-classpath.txt")

peak_heap() { # GC log → largest heap occupancy before a collection, in MB
    grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$1" | sed -E 's/M->.*//' | sort -n | tail -n 1
}

echo "== smile: grove.jar, -Xmx$HEAP, $TREES trees, max depth $DEPTH (load $(cut -d' ' -f1 /proc/loadavg))" >&2
/usr/bin/time -f "%e %M" -o "$OUT/smile.time" java "-Xmx$HEAP" "-Xlog:gc:file=$OUT/smile.gc" -jar "$ROOT/cli/target/grove.jar" \
    train --trainer smile --dataset "$CSV" --n-estimators "$TREES" --max-depth "$DEPTH" --threads 2 \
    --db "$OUT/smile.db" --save-path "$OUT/smile/model.bin" --json > "$OUT/smile.json" 2> "$OUT/smile.err" \
    || { tail -n 20 "$OUT/smile.err" >&2; exit 1; }

# The options Spark's own launcher (bin/spark-submit) gives the driver JVM on Java 17.
MODULE_OPTS=$(java -cp "$SPARK_CP" "$ROOT/bench/SparkModuleOptions.java")

echo "== spark: local[2], -Xmx$HEAP, $TREES trees, max depth $DEPTH, $PARTS partitions (load $(cut -d' ' -f1 /proc/loadavg))" >&2
# shellcheck disable=SC2086
/usr/bin/time -f "%e %M" -o "$OUT/spark.time" java "-Xmx$HEAP" $MODULE_OPTS "-Xlog:gc:file=$OUT/spark.gc" \
    -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$OUT/events" \
    --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false \
    --class dev.grove.cli.Main "$JOB" train --trainer spark --dataset "$CSV" --format csv \
    --n-estimators "$TREES" --max-depth "$DEPTH" -P "partitions=$PARTS" \
    --db "$OUT/spark.db" --save-path "$OUT/spark/model.bin" --json > "$OUT/spark.json" 2> "$OUT/spark.err" \
    || { tail -n 30 "$OUT/spark.err" >&2; exit 1; }

python3 - "$OUT" "$(peak_heap "$OUT/smile.gc")" "$(peak_heap "$OUT/spark.gc")" <<'PY'
import glob, json, os, sys
out, smile_heap, spark_heap = sys.argv[1], sys.argv[2], sys.argv[3]
rows = []
for name, heap in (("smile", smile_heap), ("spark", spark_heap)):
    r = json.load(open(f"{out}/{name}.json"))
    wall, rss = open(f"{out}/{name}.time").read().split()[-2:]
    t = r["stage_seconds"]
    prep = t["read"] + t["profile"] + t["split"]
    rows.append((name, float(wall), int(rss) // 1024, int(heap or 0), r["accuracy"], r["train_samples"], r["test_samples"],
                 prep, t["fit"], t["evaluate"]))
print("| trainer | wall s | read+profile+split s | fit s | evaluate s | driver peak RSS MB | peak heap used MB | accuracy | train / test rows |")
print("|---|---|---|---|---|---|---|---|---|")
for n, w, rss, h, a, tr, te, prep, fit, ev in rows:
    print(f"| {n} | {w:.1f} | {prep:.1f} | {fit:.1f} | {ev:.1f} | {rss} | {h} | {a:.4f} | {tr} / {te} |")
print(f"spark/smile: wall {rows[1][1] / rows[0][1]:.2f}x, RSS {rows[1][2] / max(rows[0][2], 1):.2f}x, "
      f"accuracy {100 * (rows[1][4] - rows[0][4]):+.2f} pts")

# Spark's event log: per stage, its tasks' executor run time (ms). Summed over the job it is the work
# the executors did; the longest task bounds a stage however many workers there are.
stages = {}
names = {}
for path in glob.glob(f"{out}/events/**/*", recursive=True):
    if os.path.isdir(path):
        continue
    for line in open(path):
        if not line.strip():
            continue
        e = json.loads(line)
        ev = e.get("Event")
        if ev == "SparkListenerTaskEnd":
            sid = e["Stage ID"]
            m = e.get("Task Metrics") or {}
            run = m.get("Executor Run Time", 0)
            s = stages.setdefault(sid, [0, 0, 0])
            s[0] += 1
            s[1] += run
            s[2] = max(s[2], run)
        elif ev == "SparkListenerStageCompleted":
            info = e["Stage Info"]
            names[info["Stage ID"]] = info["Stage Name"].split(" at ")[0]
        elif ev == "SparkListenerApplicationStart":
            start = e["Timestamp"]
        elif ev == "SparkListenerApplicationEnd":
            end = e["Timestamp"]
total = sum(s[1] for s in stages.values())
longest = sum(s[2] for s in stages.values())
tasks = sum(s[0] for s in stages.values())
app = (end - start) / 1000
print(f"event log: {len(stages)} stages, {tasks} tasks, task time {total / 1000:.1f} s summed, "
      f"{longest / 1000:.1f} s if each stage took only its longest task; application {app:.1f} s")
by_name = {}
for sid, s in stages.items():
    n = names.get(sid, "?")
    b = by_name.setdefault(n, [0, 0, 0, 0])
    b[0] += 1; b[1] += s[0]; b[2] += s[1]; b[3] += s[2]
print("| stage kind | stages | tasks | task time s | longest-task time s |")
print("|---|---|---|---|---|")
for n, b in sorted(by_name.items(), key=lambda kv: -kv[1][2])[:12]:
    print(f"| {n} | {b[0]} | {b[1]} | {b[2] / 1000:.1f} | {b[3] / 1000:.1f} |")
PY
