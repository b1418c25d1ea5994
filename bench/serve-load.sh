#!/usr/bin/env bash
# Load run of `grove serve` on SQLite and on PostgreSQL: READERS threads read (runs, one run, a model,
# health) and PREDICTORS threads predict (10 rows, @production or @staging) as fast as they can, while
# TRAININGS trainings (200 trees on the future-skills sample) are queued, run two at a time and moved
# to staging. Afterwards every accepted training must be SUCCEEDED and no run RUNNING (also checked
# with `grove runs list --status RUNNING` once the server has stopped).
#
#   bench/serve-load.sh [SECONDS=30] [READERS=16] [PREDICTORS=4] [TRAININGS=12]      (env STORES="sqlite postgresql")
#
# Needs cli/target/grove.jar (./mvnw -B -pl cli -am package -DskipTests) and, for PostgreSQL,
# .ci/postgres-start.sh (started and stopped here). Everything listens on 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/cli/target/grove.jar"
SECONDS_=${1:-30}; READERS=${2:-16}; PREDICTORS=${3:-4}; TRAININGS=${4:-12}
STORES=${STORES:-"sqlite postgresql"}
[ -f "$JAR" ] || { echo "serve-load: build $JAR first: ./mvnw -B -pl cli -am package -DskipTests" >&2; exit 1; }
export GROVE_TOKEN="bench-token-$(date +%s)-0123456789"
JAVA="java -XX:+UseSerialGC"

run_one() { # $1 = store name, $2 = --db value
  local name=$1 db=$2 work port pid
  work=$(mktemp -d "${TMPDIR:-/tmp}/grove-load-$name.XXXXXX")
  port=$(( 20000 + RANDOM % 20000 ))
  cd "$work"
  # two seed versions: production -> seed-1, staging -> seed-2 (this also writes the sample dataset)
  $JAVA -jar "$JAR" train --db "$db" --name future_skills --model-version seed-1 --n-estimators 50 >/dev/null
  $JAVA -jar "$JAR" train --db "$db" --name future_skills --model-version seed-2 --n-estimators 80 --random-state 7 >/dev/null
  $JAVA -jar "$JAR" models alias future_skills production seed-1 --db "$db" >/dev/null
  $JAVA -jar "$JAR" models alias future_skills staging seed-2 --db "$db" >/dev/null
  $JAVA -Xmx1g -jar "$JAR" serve --db "$db" --port "$port" --data-dir artifacts/datasets --concurrency 2 --queue 64 \
      >serve.out 2>serve.err &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "### $name ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before)"
  local rc=0
  $JAVA -cp "$JAR" "$ROOT/bench/ServeLoad.java" "http://127.0.0.1:$port" "$GROVE_TOKEN" "$SECONDS_" "$READERS" "$PREDICTORS" \
      "$TRAININGS" || rc=$?
  kill -TERM "$pid"; wait "$pid" || true
  local left
  left=$($JAVA -jar "$JAR" runs list --db "$db" --status RUNNING --limit 0)
  echo "After the server stopped, grove runs list --status RUNNING: $left"
  echo
  cd "$ROOT"
  rm -rf "$work"
  return $rc
}

status=0
for store in $STORES; do
  case $store in
    sqlite) run_one sqlite "runs.db" || status=1 ;;
    postgresql)
      url=$(bash "$ROOT/.ci/postgres-start.sh")
      schema="grove_load_$(date +%s)"
      $JAVA -cp "$JAR" "$ROOT/bench/ServeLoad.java" sql "$url" "create schema $schema"
      run_one postgresql "$url&currentSchema=$schema" || status=1
      $JAVA -cp "$JAR" "$ROOT/bench/ServeLoad.java" sql "$url" "drop schema $schema cascade"
      ;;
  esac
done
exit $status
