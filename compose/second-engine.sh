#!/usr/bin/env bash
# A second Docker engine beside the first on one host, for the multi-engine tests (a nightly over a pool of engines):
#
#   sudo bash compose/second-engine.sh start     # idempotent: an engine that answers is left alone
#   sudo bash compose/second-engine.sh stop      # removes its raftchaos containers, stops dockerd, removes the bridge
#   sudo bash compose/second-engine.sh stop --purge   # ... and its data root (images included)
#   bash compose/second-engine.sh status
#
# It answers at unix:///var/run/docker2.sock (ENGINE2_SOCKET), on a bridge of its own (br-engine2, 172.31.250.1/24) and
# without iptables rules of its own (--iptables=false): the first engine keeps docker0 and its rules. Never --bip alone:
# it would re-address the shared docker0 and remember that in DATA_ROOT/network. Its published ports are served by
# docker-proxy on this host, so they are reachable at 127.0.0.1 and at the host's addresses.
#
# Environment: ENGINE2_TIMEOUT seconds to wait for the engine (default 60), ENGINE2_LOG (default /var/log/dockerd2.log).
set -euo pipefail

NAME=engine2
SOCKET="${ENGINE2_SOCKET:-/var/run/docker2.sock}"
DATA_ROOT="${ENGINE2_DATA_ROOT:-/var/lib/docker2}"
EXEC_ROOT="${ENGINE2_EXEC_ROOT:-/var/run/docker2}"
PIDFILE="${ENGINE2_PIDFILE:-/var/run/docker2.pid}"
BRIDGE="${ENGINE2_BRIDGE:-br-engine2}"
BRIDGE_CIDR="${ENGINE2_BRIDGE_CIDR:-172.31.250.1/24}"
TIMEOUT="${ENGINE2_TIMEOUT:-60}"
LOG="${ENGINE2_LOG:-/var/log/dockerd2.log}"
HOST="unix://$SOCKET"

# The first engine sets the FORWARD policy to DROP and, with br_netfilter, bridged traffic goes through FORWARD too:
# without iptables rules of its own the second engine's containers could not reach each other on a run network (seen:
# nodes stuck as pre-candidates). This one rule accepts traffic that stays on one bridge (what --icc means, and what
# the first engine allows on its own bridges already); traffic between bridges is left to the first engine's rules.
FORWARD_RULE=(FORWARD -m physdev --physdev-is-bridged -m comment --comment raftchaos-second-engine -j ACCEPT)

answers() { DOCKER_HOST="$HOST" docker info >/dev/null 2>&1; }
source "$(dirname "$0")/lib/side-engine.sh"

ensure_forward_rule() {
  command -v iptables >/dev/null 2>&1 || return 0
  if ! iptables -w -C "${FORWARD_RULE[@]}" 2>/dev/null; then
    log "accepting same-bridge traffic in FORWARD (the first engine's policy is DROP)"
    iptables -w -I "${FORWARD_RULE[@]:0:1}" 1 "${FORWARD_RULE[@]:1}"
  fi
}

start() {
  if [ "$(id -u)" -eq 0 ]; then ensure_forward_rule; fi
  if answers; then
    log "answers at $HOST ($(DOCKER_HOST="$HOST" docker version -f '{{.Server.Version}}' 2>/dev/null)); nothing to do"
    return 0
  fi
  require_root_and_dockerd
  bridge_up
  if [ -z "$(running_pid || true)" ]; then
    mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
    rm -f "$PIDFILE"
    log "starting dockerd at $HOST (data $DATA_ROOT, log $LOG)"
    # setsid + nohup: the daemon outlives this script and the CI step that ran it (see compose/engine.sh).
    setsid nohup dockerd --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" -H "$HOST" --pidfile "$PIDFILE" \
      --bridge "$BRIDGE" --iptables=false >>"$LOG" 2>&1 </dev/null &
  fi
  wait_until_answers "the second engine"
  log "answers at $HOST ($(DOCKER_HOST="$HOST" docker version -f '{{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
}

stop() {
  local purge="${1:-}"
  if answers; then
    # What the bed left there (a crashed run): removed by its label before the engine goes, so nothing is left running.
    local left
    left=$(DOCKER_HOST="$HOST" docker ps -aq --filter label=raftchaos.run)
    if [ -n "$left" ]; then
      log "removing $(wc -w <<<"$left") raftchaos container(s)"
      DOCKER_HOST="$HOST" docker rm -f $left >/dev/null
    fi
    left=$(DOCKER_HOST="$HOST" docker network ls -q --filter label=raftchaos.run)
    [ -z "$left" ] || DOCKER_HOST="$HOST" docker network rm $left >/dev/null || true
  fi
  stop_dockerd
  rm -f "$SOCKET"
  while command -v iptables >/dev/null 2>&1 && iptables -w -C "${FORWARD_RULE[@]}" 2>/dev/null; do
    iptables -w -D "${FORWARD_RULE[@]}"
  done
  bridge_down
  if [ "$purge" = "--purge" ]; then
    log "removing $DATA_ROOT and $EXEC_ROOT"
    rm -rf "$DATA_ROOT" "$EXEC_ROOT"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  status)
    if answers; then log "answers at $HOST"; else log "not answering at $HOST"; exit 1; fi ;;
  *) echo "usage: $0 start | stop [--purge] | status" >&2; exit 64 ;;
esac
