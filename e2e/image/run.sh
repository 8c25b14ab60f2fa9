#!/usr/bin/env bash
# The Dockerfile built with podman (daemonless) and run as the manifests run it, then checked by
# e2e/image/image.test.ts. node:20-bookworm-slim cannot be pulled here (only npm, Debian and the Go
# proxy are reachable), so an equivalent base is made locally: a minimal Debian bookworm by
# mmdebstrap with this machine's Node 20 (and npm) copied in, and this machine's extra CA
# certificates so npm ci inside the build can reach the registry through the network's TLS proxy.
# It is passed as BASE_IMAGE; the published Dockerfile keeps its normal base.
#
# What this machine needs (found by trying):
# - runc, not crun: crun refuses the host's hybrid cgroup layout ("cgroups in hybrid mode not
#   supported"), runc runs with cgroupfs v1.
# - explicit, modest ulimits: podman asks for RLIMIT_NOFILE/NPROC above conmon's hard limits and the
#   sandbox lacks CAP_SYS_RESOURCE, so the default fails with "setrlimit: Operation not permitted".
# - host networking (no CNI/netavark bridge needed; the API server is on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
source e2e/lib/common.sh
: "${WHEELHOUSE_CLUSTER_DIR:?run through npm test, or source the cluster env first}"

missing=()
for p in podman runc mmdebstrap; do command -v "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]} from Debian (once)..."
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
    "${missing[@]}" || die "apt-get install -y ${missing[*]} failed; the image test needs them."
fi

podman=(podman --runtime runc)
limits=(--ulimit nofile=8192:8192 --ulimit nproc=4096:4096)
node_version=$(node --version)
ca_hash=$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -c1-12)
base="localhost/wheelhouse-base:node${node_version#v}-bookworm-${ca_hash}"
image=localhost/wheelhouse:test

if ! "${podman[@]}" image exists "$base"; then
  t=$(date +%s)
  say "Making the base image $base (mmdebstrap bookworm minbase + this Node; about 3-8 min, once)..."
  tar=$(mktemp /tmp/wheelhouse-base.XXXXXX.tar)
  nice -n 10 mmdebstrap --variant=minbase --include=ca-certificates,libstdc++6 \
    --customize-hook='copy-in /usr/bin/node /usr/bin' \
    --customize-hook='copy-in /usr/lib/node_modules /usr/lib' \
    --customize-hook='chroot "$1" ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm' \
    --customize-hook='chroot "$1" ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/bin/npx' \
    --customize-hook='mkdir -p "$1/usr/local/share/ca-certificates"' \
    --customize-hook='for f in /usr/local/share/ca-certificates/*.crt; do [ -f "$f" ] && cp "$f" "$1/usr/local/share/ca-certificates/"; done; true' \
    --customize-hook='chroot "$1" update-ca-certificates' \
    --customize-hook='chroot "$1" node --version' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "$tar"
  "${podman[@]}" import --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' "$tar" "$base" >/dev/null
  rm -f "$tar"
  say "Base image made in $(elapsed "$t")."
fi

t=$(date +%s)
say "Building the image with podman (npm ci and next build inside; several minutes)..."
log=${TMPDIR:-/tmp}/wheelhouse-image-build.log
nice -n 10 "${podman[@]}" build --network host "${limits[@]}" --build-arg BASE_IMAGE="$base" -t "$image" . >"$log" 2>&1 \
  || { tail -40 "$log" >&2; die "podman build failed (whole log: $log)."; }
say "Image built in $(elapsed "$t")."

WHEELHOUSE_IMAGE=$image node --conditions=react-server --import tsx --test "$@" e2e/image/image.test.ts
