# Shared by compose/second-engine.sh and compose/tls-engine.sh: an extra dockerd beside the first on this host, on a
# bridge of its own. Sourced after the caller sets NAME, PIDFILE, BRIDGE, BRIDGE_CIDR, TIMEOUT and LOG and defines
# answers() (how to ask this engine whether it is up).

log() { printf '[%s] %s\n' "$NAME" "$*"; }
die() { printf '[%s] error: %s\n' "$NAME" "$*" >&2; exit 1; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid; pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

require_root_and_dockerd() {
  [ "$(id -u)" -eq 0 ] || die "starting an engine needs root: run this again with sudo"
  command -v dockerd >/dev/null 2>&1 || die "dockerd is missing: run compose/engine.sh first (it installs Debian's docker.io)"
}

# Never `dockerd --bridge none`: at start-up it deletes the host's docker0, which the first engine needs.
bridge_up() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    log "creating bridge $BRIDGE ($BRIDGE_CIDR)"
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

bridge_down() {
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    log "removing bridge $BRIDGE"
    ip link set "$BRIDGE" down || true
    ip link del "$BRIDGE" || true
  fi
}

# wait_until_answers WHAT: until answers() succeeds, or die after TIMEOUT seconds with the log's tail.
wait_until_answers() {
  local deadline=$((SECONDS + TIMEOUT))
  until answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$LOG" >&2 2>/dev/null || true
      die "$1 did not answer within ${TIMEOUT} s (see $LOG)"
    fi
    sleep 0.5
  done
}

# SIGTERM to the running dockerd, SIGKILL if it has not stopped within TIMEOUT seconds; then the pid file goes.
stop_dockerd() {
  local pid
  if pid=$(running_pid); then
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    local deadline=$((SECONDS + TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        log "dockerd did not stop within ${TIMEOUT} s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.5
    done
  else
    log "not running"
  fi
  rm -f "$PIDFILE"
}
