#!/usr/bin/env bash
# Fits Grove's smile trainer and the scikit-learn peer on the same CSV, the same portable split
# (test 0.2, seed 42) and 100 trees, one after the other (never at the same time: they would
# share the cores), and prints both results side by side.
#
#   bench/smile-fit.sh [CSV=/work/shared/data/synth_100k.csv] [THREADS=all cores]
#
# Needs Maven and Java 17; the peer needs /usr/bin/python3 with scikit-learn (Debian
# python3-sklearn) and /work/shared/peers/run_peer.sh. Extra JVM options: JAVA_OPTS.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:-/work/shared/data/synth_100k.csv}
THREADS=${2:-$(nproc)}
TREES=100
SEED=42
SPLIT=0.2
PEERS=${PEERS_DIR:-/work/shared/peers}
CP_FILE="$ROOT/trainer-smile/target/bench.classpath"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== building trainer-smile (test classes + classpath)" >&2
# build-classpath also runs on core (it is in -am); trainer-smile runs last and its list wins.
(cd "$ROOT" && mvn -B -q -pl trainer-smile -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test)
CP="$ROOT/trainer-smile/target/test-classes:$ROOT/trainer-smile/target/classes:$(cat "$CP_FILE")"

echo "== grove smile: $TREES trees, $THREADS threads, $CSV" >&2
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$CP" dev.grove.smile.SmileFitBenchmark "$CSV" "$TREES" "$THREADS" "$SEED" "$SPLIT" \
    | tail -n 1 > "$OUT/smile.json"

echo "== waiting for scikit-learn" >&2
for _ in $(seq 1 60); do
    /usr/bin/python3 -c 'import sklearn' 2>/dev/null && break
    sleep 10
done
/usr/bin/python3 -c 'import sklearn' || { echo "scikit-learn is not importable by /usr/bin/python3" >&2; exit 1; }

echo "== scikit-learn peer: $TREES trees, all cores" >&2
"$PEERS/run_peer.sh" sklearn "$CSV" label "$SPLIT" "$TREES" "$SEED" | tail -n 1 > "$OUT/sklearn.json"

/usr/bin/python3 - "$OUT/smile.json" "$OUT/sklearn.json" <<'PY'
import json, sys
smile = json.load(open(sys.argv[1]))
sk = json.load(open(sys.argv[2]))
rows = [
    ("version", smile.get("version"), sk.get("version")),
    ("n_train / n_test", f'{smile["n_train"]} / {smile["n_test"]}', f'{sk.get("n_train")} / {sk.get("n_test")}'),
    ("threads", smile["threads"], sk.get("threads")),
    ("fit seconds", f'{smile["train_seconds"]:.2f}', f'{sk["train_seconds"]:.2f}'),
    ("accuracy", f'{smile["accuracy"]:.4f}', f'{sk["accuracy"]:.4f}'),
    ("weighted F1", f'{smile["f1_weighted"]:.4f}', f'{sk.get("f1_weighted", float("nan")):.4f}'),
    ("predict seconds", f'{smile["predict_seconds"]:.2f}', f'{sk.get("predict_seconds", float("nan")):.2f}'),
    ("model file MB", f'{smile["model_bytes"] / 1e6:.1f}', "-"),
]
print(f'{"":18} {"grove smile":>14} {"scikit-learn":>14}')
for name, a, b in rows:
    print(f'{name:18} {str(a):>14} {str(b):>14}')
print("smile:  " + json.dumps(smile))
print("sklearn:" + json.dumps(sk))
PY
