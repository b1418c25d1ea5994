#!/usr/bin/env bash
# Stops the throwaway PostgreSQL cluster started by .ci/postgres-start.sh and removes its folder.
# Idempotent: nothing to stop is not an error. Set GROVE_PG_KEEP=1 to keep the data folder.
set -euo pipefail

PORT="${GROVE_PG_PORT:-55432}"
DIR="${GROVE_PG_DIR:-${TMPDIR:-/tmp}/grove-pg-$PORT}"

log() { echo "postgres-stop: $*" >&2; }

if [ ! -d "$DIR/data" ]; then
  log "no cluster in $DIR: nothing to stop"
  exit 0
fi
BIN="$(cat "$DIR/bin-dir" 2>/dev/null || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ "$(id -u)" -eq 0 ]; then
  run_pg() { runuser -u postgres -- "$@"; }
else
  run_pg() { "$@"; }
fi
if [ -n "$BIN" ] && run_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  run_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >&2
  log "stopped the cluster on port $PORT"
else
  log "cluster in $DIR is not running"
fi
if [ "${GROVE_PG_KEEP:-0}" != "1" ]; then
  rm -rf "$DIR"
  log "removed $DIR"
fi
