#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for Grove's PostgreSQL tests and prints the JDBC URL.
#
#   export GROVE_TEST_POSTGRES_URL="$(.ci/postgres-start.sh)"
#   mvn -B -pl store-jooq -am verify
#   .ci/postgres-stop.sh
#
# stdout: only the URL (jdbc:postgresql://127.0.0.1:55432/grove?user=postgres); progress goes to stderr.
# Idempotent: when the cluster is already running it just prints the URL again.
# Installs Debian's postgresql package when no /usr/lib/postgresql/*/bin/initdb exists (needs root or sudo).
# Settings: GROVE_PG_PORT (55432), GROVE_PG_DIR (${TMPDIR:-/tmp}/grove-pg-$GROVE_PG_PORT), GROVE_PG_DB (grove).
# The cluster trusts local connections without a password: for tests only.
set -euo pipefail

PORT="${GROVE_PG_PORT:-55432}"
DIR="${GROVE_PG_DIR:-${TMPDIR:-/tmp}/grove-pg-$PORT}"
DB="${GROVE_PG_DB:-grove}"
URL="jdbc:postgresql://127.0.0.1:$PORT/$DB?user=postgres"

log() { echo "postgres-start: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "need root (or sudo) to run: $*"; exit 1; fi
}

newest_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
}

BIN="$(newest_bin)"
if [ -z "$BIN" ]; then
  log "no PostgreSQL server binaries under /usr/lib/postgresql: installing Debian's postgresql package"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  BIN="$(newest_bin)"
  [ -n "$BIN" ] || { log "postgresql installed but no initdb found under /usr/lib/postgresql/*/bin"; exit 1; }
fi
# An existing cluster must be run by the major version that created it.
if [ -f "$DIR/data/PG_VERSION" ] && [ -x "/usr/lib/postgresql/$(cat "$DIR/data/PG_VERSION")/bin/pg_ctl" ]; then
  BIN="/usr/lib/postgresql/$(cat "$DIR/data/PG_VERSION")/bin"
fi
log "using $BIN"

# initdb and the server refuse to run as root: run them as the postgres user then.
if [ "$(id -u)" -eq 0 ]; then
  OWNER=postgres
  run_pg() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  run_pg() { "$@"; }
fi

mkdir -p "$DIR"
chmod 755 "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  rm -rf "$DIR/data"
  mkdir -p "$DIR/data" "$DIR/sock"
  [ "$(id -u)" -eq 0 ] && chown "$OWNER" "$DIR/data" "$DIR/sock"
  chmod 700 "$DIR/data"
  log "creating a throwaway cluster in $DIR/data"
  run_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || run_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
mkdir -p "$DIR/sock"
[ "$(id -u)" -eq 0 ] && chown "$OWNER" "$DIR/sock"

if run_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  log "already running on 127.0.0.1:$PORT"
else
  log "starting on 127.0.0.1:$PORT"
  run_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/data/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 \
    || { tail -n 30 "$DIR/data/server.log" >&2 || true; exit 1; }
fi

PSQL=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${PSQL[@]}" -d postgres -c "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
  log "creating database $DB"
  "${PSQL[@]}" -d postgres -c "create database \"$DB\"" >&2
fi
echo "$BIN" >"$DIR/bin-dir"
log "ready: export GROVE_TEST_POSTGRES_URL='$URL'"
echo "$URL"
