#!/usr/bin/env bash
# Grove (each trainer) vs the scikit-learn and ranger peers on one CSV: same portable split, same
# trees and seed. Runs are alternated (smile, tribuo, sklearn, ranger, smile, ...) for REPS
# repetitions, never two at a time, each under GNU time. Prints one table of medians:
# fit s, total wall s (whole process, JVM/interpreter start included), peak RSS, accuracy,
# weighted F1, Grove's overhead share (everything but fit, as `grove train --json` times it), and
# every figure as a ratio to scikit-learn's measured in the same run.
#
#   bench/compare.sh CSV LABEL [TREES=100] [SEED=42]
#   REPS=3 SPLIT=0.2 RUNNERS="smile tribuo sklearn ranger" TRIBUO_PARAMS="-P max-bins=64" bench/compare.sh ...
#
# Env: REPS (3), SPLIT (0.2), RUNNERS (default all four; e.g. "smile sklearn"), GROVE (the launcher,
# default ./grove; GROVE_HEAP / GROVE_JAVA_OPTS pass through), TRIBUO_PARAMS / SMILE_PARAMS (extra
# `grove train` options), PEERS_DIR (/work/shared/peers), KEEP=dir (keep the raw JSON and time files).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:?usage: bench/compare.sh CSV LABEL [TREES] [SEED]}
LABEL=${2:?usage: bench/compare.sh CSV LABEL [TREES] [SEED]}
TREES=${3:-100}
SEED=${4:-42}
REPS=${REPS:-3}
SPLIT=${SPLIT:-0.2}
RUNNERS=${RUNNERS:-smile tribuo sklearn ranger}
GROVE=${GROVE:-$ROOT/grove}
PEERS=${PEERS_DIR:-/work/shared/peers}
CSV=$(cd "$(dirname "$CSV")" && pwd)/$(basename "$CSV")

OUT=${KEEP:-$(mktemp -d)}
mkdir -p "$OUT"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$OUT"' EXIT

# Build the jar (and its class-data archive) before anything is timed.
"$GROVE" --version >/dev/null

run_one() { # runner rep
    local r=$1 i=$2 base="$OUT/$1.$2"
    case "$r" in
        smile|tribuo)
            local extra=""
            [ "$r" = tribuo ] && extra=${TRIBUO_PARAMS:-}
            [ "$r" = smile ] && extra=${SMILE_PARAMS:-}
            rm -rf "$OUT/work.$r.$i"; mkdir -p "$OUT/work.$r.$i"
            # shellcheck disable=SC2086
            /usr/bin/time -f '%e %M' -o "$base.time" "$GROVE" train --json --trainer "$r" --dataset "$CSV" \
                --label "$LABEL" --n-estimators "$TREES" --random-state "$SEED" --test-split "$SPLIT" \
                --db "$OUT/work.$r.$i/runs.db" --save-path "$OUT/work.$r.$i/model.bin" $extra \
                > "$base.json" 2> "$base.err" || { echo "compare: $r run $i failed:" >&2; cat "$base.err" >&2; exit 1; }
            rm -rf "$OUT/work.$r.$i" ;;
        sklearn|ranger)
            /usr/bin/time -f '%e %M' -o "$base.time" "$PEERS/run_peer.sh" "$r" "$CSV" "$LABEL" "$SPLIT" "$TREES" "$SEED" \
                > "$base.json" 2> "$base.err" || { echo "compare: $r run $i failed:" >&2; cat "$base.err" >&2; exit 1; }
            tail -n 1 "$base.json" > "$base.json.1" && mv "$base.json.1" "$base.json" ;;
        *) echo "compare: unknown runner $r" >&2; exit 2 ;;
    esac
    printf '%s\n' "$(cat "/proc/loadavg" | cut -d' ' -f1)" > "$base.load"
    echo "  $r #$i: $(cut -d' ' -f1 "$base.time") s wall, load $(cat "$base.load")" >&2
}

echo "compare: $CSV label=$LABEL trees=$TREES seed=$SEED split=$SPLIT reps=$REPS runners: $RUNNERS" >&2
for i in $(seq 1 "$REPS"); do
    for r in $RUNNERS; do
        run_one "$r" "$i"
    done
done

/usr/bin/python3 - "$OUT" "$REPS" "$RUNNERS" "$CSV" "$TREES" "$SEED" <<'PY'
import json, os, statistics, sys
out, reps, runners, csv, trees, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4], sys.argv[5], sys.argv[6]
med = statistics.median
rows = {}
for r in runners:
    recs = []
    for i in range(1, reps + 1):
        d = json.load(open(f"{out}/{r}.{i}.json"))
        wall, rss = open(f"{out}/{r}.{i}.time").read().split()[:2]
        load = float(open(f"{out}/{r}.{i}.load").read())
        if r in ("smile", "tribuo"):
            st = d["stage_seconds"]
            fit, inner = st["fit"], d["total_seconds"]
            acc, f1 = d["accuracy"], d["f1_score"]
        else:
            fit, inner = d["train_seconds"], d["total_seconds"]
            acc, f1 = d["accuracy"], d["f1_weighted"]
        recs.append(dict(fit=fit, inner=inner, wall=float(wall), rss=int(rss) / 1024 / 1024, acc=acc, f1=f1, load=load,
                         stages=d.get("stage_seconds")))
    m = {k: med([x[k] for x in recs]) for k in ("fit", "inner", "wall", "rss", "acc", "f1", "load")}
    if recs[0]["stages"]:
        m["stages"] = {k: med([x["stages"][k] for x in recs]) for k in recs[0]["stages"]}
    rows[r] = m
sk = rows.get("sklearn")
def ratio(r, k):
    return f'{rows[r][k] / sk[k]:.2f}x' if sk and sk[k] else "-"
print(f"# {os.path.basename(csv)}: {trees} trees, seed {seed}; median of {reps} alternated runs; load avg (1 min) median shown")
print("| runner | fit s | total wall s | peak RSS GB | accuracy | weighted F1 | fit / sk | wall / sk | RSS / sk | acc − sk (pts) | overhead share | load |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in runners:
    m = rows[r]
    over = "-"
    if "stages" in m:
        # overhead share of the whole process: wall minus fit (JVM start, read, split, evaluate, write, record)
        over = f'{(m["wall"] - m["fit"]) / m["wall"] * 100:.1f}% ({(m["inner"] - m["fit"]) / m["inner"] * 100:.1f}% in-pipeline)'
    dacc = f'{(m["acc"] - sk["acc"]) * 100:+.2f}' if sk else "-"
    print(f'| {r} | {m["fit"]:.2f} | {m["wall"]:.2f} | {m["rss"]:.2f} | {m["acc"]:.4f} | {m["f1"]:.4f} | '
          f'{ratio(r, "fit")} | {ratio(r, "wall")} | {ratio(r, "rss")} | {dacc} | {over} | {m["load"]:.2f} |')
for r in runners:
    if "stages" in rows[r]:
        s = rows[r]["stages"]
        print(f"\n{r} stage seconds (median): " + ", ".join(f"{k} {v:.3f}" for k, v in s.items()))
if "smile" in rows and "tribuo" in rows:
    print(f'\ntribuo / smile: total wall {rows["tribuo"]["wall"] / rows["smile"]["wall"]:.2f}x, '
          f'accuracy {(rows["tribuo"]["acc"] - rows["smile"]["acc"]) * 100:+.2f} pts')
PY
