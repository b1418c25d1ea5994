#!/usr/bin/env bash
# Writes a run store with the released Grove whose schema is version 1 (commit e73602f), as a
# user's store looks before the V2 upgrade: the fixtures next to this script were made with it.
#
#   git worktree add /tmp/grove-v1 e73602f && (cd /tmp/grove-v1 && ./mvnw -q -DskipTests -pl cli -am package)
#   bash make-v1-store.sh /tmp/grove-v1/cli/target/grove.jar /tmp/work grove-v1.db
#   bash make-v1-store.sh /tmp/grove-v1/cli/target/grove.jar /tmp/work 'jdbc:postgresql://127.0.0.1:55432/v1?user=postgres'
#
# Runs: SUCCEEDED with both trainers, two FAILED (invalid settings found after the run was
# recorded), one INTERRUPTED (killed with SIGKILL during the fit, then marked by the next
# command), and one left RUNNING (killed, never opened again by this release). Notes, trained-by
# and the dataset path hold quotes, a backslash, tabs, newlines and non-ASCII text.
set -euo pipefail
JAR="$(realpath "$1")"; WORK="$2"; DB="$3"
mkdir -p "$WORK" && cd "$WORK"
grove() { java -jar "$JAR" "$@" --db "$DB"; }

# Wait until the run VERSION is recorded RUNNING, then kill its JVM with SIGKILL.
kill_when_running() {
  local version="$1" pid="$2" status=""
  for _ in $(seq 1 600); do
    if [[ "$DB" == jdbc:postgresql:* ]]; then
      # libpq takes the JDBC URL without its jdbc: prefix (postgresql://host:port/db?user=...)
      status="$(psql "${DB#jdbc:}" -qtA -c "select status from training_run where model_version = '$version'" 2>/dev/null || true)"
    else
      status="$(sqlite3 "$DB" "select status from training_run where model_version = '$version'" 2>/dev/null || true)"
    fi
    [ "$status" = RUNNING ] && break
    sleep 0.1
  done
  [ "$status" = RUNNING ] || { echo "run $version never became RUNNING" >&2; exit 1; }
  sleep 0.5
  kill -9 "$pid"; wait "$pid" || true
}

java -jar "$JAR" trainers >/dev/null
grove train --model-version smile-baseline --n-estimators 40 --random-state 7 --trained-by "Zoë O'Brien" \
  --notes $'first "baseline" run — l\'équipe dit: ça marche ✓ 🌲\nsecond line\twith a tab and a back\\slash'
mkdir -p "données d'entraînement"
cp artifacts/datasets/future_skills_dataset.csv "données d'entraînement/compétences 2026.csv"
grove train --trainer tribuo --model-version tribuo-1 --n-estimators 25 --random-state 42 \
  --dataset "données d'entraînement/compétences 2026.csv" --notes 'tribuo on the copied sample'
grove train --model-version smile-depth-4 --n-estimators 60 --max-depth 4 --min-leaf 3 --test-split 0.25 --notes ''
grove train --model-version smile-mtry-99 --mtry 99 --notes 'too many features per split' || true
grove train --model-version smile-bad-weight -P class_weight=foo --notes 'bad extra' || true
# Background JVMs are started directly (not through the grove function) so $! is the JVM's pid.
java -jar "$JAR" train --db "$DB" --trainer tribuo --model-version tribuo-killed --n-estimators 100000 --notes 'killed with SIGKILL' &
kill_when_running tribuo-killed $!
grove runs list >/dev/null   # this release marks the run of the dead process INTERRUPTED
java -jar "$JAR" train --db "$DB" --model-version smile-left-running --n-estimators 1000000 --notes 'killed, never reopened' &
kill_when_running smile-left-running $!
