#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed (/usr/bin/chromium, /usr/bin/chromedriver),
# for the dashboard's browser test (server/…/DashboardBrowserTest): installs them with apt-get when absent,
# the way postgres-start.sh installs PostgreSQL. Selenium is pointed at these binaries, so Selenium Manager
# never downloads anything. Needs root or sudo only when it has to install.
set -euo pipefail

log() { echo "browser-install: $*" >&2; }

present() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "need root (or sudo) to run: $*"; exit 1; fi
}

if present; then
  log "found /usr/bin/chromium and /usr/bin/chromedriver"
  exit 0
fi
log "installing Debian's chromium and chromium-driver"
as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver >&2
present || { log "chromium and chromium-driver were installed but /usr/bin/chromium or /usr/bin/chromedriver is missing"; exit 1; }
log "installed: $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
