#!/usr/bin/env bash
# A Docker engine that answers only over TCP with TLS and client certificates, the way a remote engine is reached
# (DOCKER_HOST=tcp://HOST:2376, DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH=DIR): for the test that the bed's engine client
# really speaks TLS to a real dockerd. It runs no containers and sets no iptables rules, so it is light; it has a bridge
# of its own all the same (br-tlsengine): a dockerd started with `--bridge none` deletes the host's docker0 interface
# at start-up (seen here: the first engine could then start no container on its default network until it restarted).
#
#   sudo bash compose/tls-engine.sh start     # idempotent: makes the certificates once, starts dockerd if not answering
#   sudo bash compose/tls-engine.sh stop      # stops it (the certificates and data root stay; --purge removes them)
#   bash compose/tls-engine.sh status
#   bash compose/tls-engine.sh env            # prints the DOCKER_* lines a client needs
#
# Certificates (openssl, RSA 2048, valid 30 days, in TLS_ENGINE_CERTS, default /var/lib/raftchaos/tls-engine/certs): a CA,
# a server certificate for 127.0.0.1 and localhost, and a client certificate; the client's files use the names
# DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem). A certificate that expires within a day is made again.
set -euo pipefail

NAME=tls-engine
ADDRESS="${TLS_ENGINE_ADDRESS:-127.0.0.1}"
PORT="${TLS_ENGINE_PORT:-2376}"
BASE="${TLS_ENGINE_BASE:-/var/lib/raftchaos/tls-engine}"
CERTS="${TLS_ENGINE_CERTS:-$BASE/certs}"
DATA_ROOT="$BASE/data"
EXEC_ROOT="${TLS_ENGINE_EXEC_ROOT:-/var/run/raftchaos-tls-engine}"
PIDFILE="$EXEC_ROOT.pid"
LOG="${TLS_ENGINE_LOG:-/var/log/dockerd-tls.log}"
TIMEOUT="${TLS_ENGINE_TIMEOUT:-60}"
BRIDGE="${TLS_ENGINE_BRIDGE:-br-tlsengine}"
BRIDGE_CIDR="${TLS_ENGINE_BRIDGE_CIDR:-172.31.251.1/24}"
HOST="tcp://$ADDRESS:$PORT"

answers() { DOCKER_HOST="$HOST" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CERTS" docker info >/dev/null 2>&1; }
source "$(dirname "$0")/lib/side-engine.sh"

certificates_fresh() {
  local f
  for f in ca.pem server-cert.pem server-key.pem cert.pem key.pem; do [ -s "$CERTS/$f" ] || return 1; done
  openssl x509 -checkend 86400 -noout -in "$CERTS/server-cert.pem" >/dev/null 2>&1 \
    && openssl x509 -checkend 86400 -noout -in "$CERTS/cert.pem" >/dev/null 2>&1
}

make_certificates() {
  command -v openssl >/dev/null 2>&1 || die "openssl is missing: apt-get install -y openssl"
  log "making a CA, a server and a client certificate in $CERTS"
  mkdir -p "$CERTS"
  local work; work=$(mktemp -d)
  (
    cd "$work"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=raftchaos test CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$ADDRESS" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:%s,IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' "$ADDRESS" > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=raftchaos client" -keyout key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 -extfile client.ext -out cert.pem 2>/dev/null
    install -m 0644 ca.pem server-cert.pem cert.pem "$CERTS/"
    install -m 0600 server-key.pem key.pem "$CERTS/"
  )
  rm -rf "$work"
}

start() {
  if answers && certificates_fresh; then
    log "answers at $HOST with TLS ($(DOCKER_HOST="$HOST" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CERTS" docker version -f '{{.Server.Version}}' 2>/dev/null)); nothing to do"
    return 0
  fi
  require_root_and_dockerd
  if ! certificates_fresh; then
    if running_pid >/dev/null; then stop; fi
    make_certificates
  fi
  bridge_up
  if [ -z "$(running_pid || true)" ]; then
    mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
    rm -f "$PIDFILE"
    log "starting dockerd at $HOST (TLS, client certificates required; data $DATA_ROOT, log $LOG)"
    # No iptables rules: this engine exists to answer API calls over TLS, not to run clusters. Its own bridge, never
    # `--bridge none` (see the top of this file).
    setsid nohup dockerd --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
      -H "$HOST" --tlsverify --tlscacert "$CERTS/ca.pem" --tlscert "$CERTS/server-cert.pem" --tlskey "$CERTS/server-key.pem" \
      --bridge "$BRIDGE" --iptables=false --ip-masq=false >>"$LOG" 2>&1 </dev/null &
  fi
  wait_until_answers "the TLS engine"
  log "answers at $HOST with TLS"
}

stop() {
  stop_dockerd
  bridge_down
  if [ "${1:-}" = "--purge" ]; then
    log "removing $BASE and $EXEC_ROOT"
    rm -rf "$BASE" "$EXEC_ROOT"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  status) if answers; then log "answers at $HOST with TLS"; else log "not answering at $HOST"; exit 1; fi ;;
  env) printf 'DOCKER_HOST=%s\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=%s\n' "$HOST" "$CERTS" ;;
  *) echo "usage: $0 start | stop [--purge] | status | env" >&2; exit 64 ;;
esac
