#!/usr/bin/env bash
# Makes a Docker engine answer on a bare Debian host (no systemd), the one line such a host runs:
#
#   sudo bash compose/engine.sh
#
# Idempotent: when `docker info` already answers it does nothing. Otherwise it installs Debian's
# docker.io, iptables, debootstrap (for compose/build-base.sh) and docker-compose (for the README's compose
# section) when missing, starts `dockerd` in
# the background with its output in $DOCKERD_LOG, and waits until `docker info` answers.
#
# Environment: ENGINE_TIMEOUT seconds to wait for the engine (default 60),
#              DOCKERD_LOG (default /var/log/dockerd.log).
set -euo pipefail

TIMEOUT="${ENGINE_TIMEOUT:-60}"
LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"

log() { printf '[engine] %s\n' "$*"; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }

answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

if answers; then
  # The engine may come from elsewhere; the README's compose section still needs docker-compose.
  if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1 \
      && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing docker-compose from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; } \
      || log "warning: could not install docker-compose (only the README's compose section needs it)"
  fi
  log "Docker engine answers ($(docker version -f 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)); nothing to do"
  exit 0
fi

# A remote engine named by DOCKER_HOST is not ours to start: starting a local one would not help.
if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
  die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine, or unset DOCKER_HOST to use a local one"
fi

[ "$(id -u)" -eq 0 ] || die "no Docker engine answers and starting one needs root: run this again with sudo"

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
if [ "${#missing[@]}" -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # With recommends (cgroupfs-mount among them), as in the set-up verified on these machines.
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pid=""
if pgrep -x dockerd >/dev/null 2>&1; then
  # Started by someone else (or by an earlier run of this script) and still coming up: just wait.
  log "dockerd is running (pid $(pgrep -x dockerd | head -1)) but not answering yet; waiting"
else
  mkdir -p "$(dirname "$LOG")"
  log "starting dockerd in the background (log: $LOG)"
  # setsid + nohup: the daemon must outlive this script and the CI step that ran it. A background job of a
  # non-interactive shell is no process-group leader, so setsid does not fork and $! is dockerd's pid.
  setsid nohup dockerd >>"$LOG" 2>&1 </dev/null &
  pid=$!
fi

deadline=$((SECONDS + TIMEOUT))
until answers; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    printf '[engine] last lines of %s:\n' "$LOG" >&2
    tail -n 20 "$LOG" >&2 2>/dev/null || true
    die "Docker engine did not answer within ${TIMEOUT} s (see $LOG)"
  fi
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$LOG" >&2 2>/dev/null || true
    die "dockerd exited while starting (see $LOG)"
  fi
  sleep 0.5
done
log "Docker engine answers ($(docker version -f 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
