#!/usr/bin/env bash
# Builds the base image raftchaos/base:bookworm without a registry: debootstrap a minimal Debian
# bookworm root file system and `docker import` it. No `FROM debian` is possible here (no registry).
#
# Idempotent: does nothing when the image exists and was built from the same package list (the list's
# hash is stored as the image label raftchaos.base.inputs), so adding a package here rebuilds it.
#
#   bash compose/build-base.sh            # build if missing or outdated
#   FORCE=1 bash compose/build-base.sh    # rebuild anyway
#
# Environment: RAFTCHAOS_BASE_IMAGE (default raftchaos/base:bookworm),
#              DEBIAN_MIRROR (default http://deb.debian.org/debian), FORCE=1.
set -euo pipefail

IMAGE="${RAFTCHAOS_BASE_IMAGE:-raftchaos/base:bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm

# What the nemeses need inside a node container, and small diagnostics the nemesis tests use:
#   iptables (partitions), iproute2 (tc netem, ip), faketime (libfaketime for clock skew),
#   procps (ps, pkill), iputils-ping and netcat-openbsd (reachability probes), ca-certificates.
PACKAGES=(iptables iproute2 faketime procps ca-certificates iputils-ping netcat-openbsd)

log() { printf '[build-base] %s\n' "$*"; }
die() { printf '[build-base] error: %s\n' "$*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "docker CLI not found; run 'sudo bash compose/engine.sh' first"
docker info >/dev/null 2>&1 || die "no Docker engine answers; run 'sudo bash compose/engine.sh' first"

# The label ties the image to its inputs: the suite and the sorted package list.
inputs="$(printf '%s\n' "$SUITE" "${PACKAGES[@]}" | sort | sha256sum | cut -c1-16)"

if [ "${FORCE:-0}" != 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  have="$(docker image inspect -f '{{ index .Config.Labels "raftchaos.base.inputs" }}' "$IMAGE" 2>/dev/null || true)"
  if [ "$have" = "$inputs" ]; then
    log "$IMAGE is present and up to date (inputs $inputs); nothing to do"
    exit 0
  fi
  log "$IMAGE is present but was built from other inputs (${have:-none} != $inputs); rebuilding"
fi

[ "$(id -u)" -eq 0 ] || die "debootstrap needs root; run 'sudo bash compose/build-base.sh'"

if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

# /var/tmp rather than /tmp: /tmp may be a small tmpfs or mounted nodev, which debootstrap dislikes.
rootfs="$(mktemp -d /var/tmp/raftchaos-rootfs.XXXXXX)"
cleanup() {
  # debootstrap may leave /proc or /sys mounted inside the target when it fails half-way.
  for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

started=$SECONDS
include="$(IFS=,; echo "${PACKAGES[*]}")"
log "debootstrap --variant=minbase --include=$include $SUITE (mirror $MIRROR) into $rootfs"
if ! debootstrap --variant=minbase --include="$include" "$SUITE" "$rootfs" "$MIRROR" >"$rootfs.log" 2>&1; then
  tail -n 30 "$rootfs.log" >&2
  die "debootstrap failed (full log: $rootfs.log)"
fi
rm -f "$rootfs.log"
log "debootstrap done in $((SECONDS - started)) s"

# Leave out what only served the install: package archives and lists (about 40 MB).
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*

log "importing as $IMAGE"
tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/bash"]' \
  --change "LABEL raftchaos.base.inputs=$inputs" \
  --message "debootstrap $SUITE minbase + ${include}" \
  - "$IMAGE" >/dev/null

size="$(docker image inspect -f '{{ .Size }}' "$IMAGE")"
log "built $IMAGE ($((size / 1000000)) MB) in $((SECONDS - started)) s"
