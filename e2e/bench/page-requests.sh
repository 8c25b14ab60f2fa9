#!/usr/bin/env bash
# Per-page API server request rates (e2e/bench/page-requests.ts) against this checkout's production
# build: `bash e2e/bench/page-requests.sh [page-requests.ts options]`, e.g. `--tabs 1,20 --seconds 60`.
# Uses the seeded cluster of WHEELHOUSE_CLUSTER_DIR when set (after `source DIR/env`), else starts
# one of its own and stops it at the end. Run `npx next build` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
source e2e/lib/common.sh
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || die "No production build here: run npx next build first."
own=""
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$own" ] && bash e2e/cluster/cluster.sh down "$WHEELHOUSE_CLUSTER_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -z "${WHEELHOUSE_CLUSTER_DIR:-}" ]; then
  export WHEELHOUSE_CLUSTER_DIR
  WHEELHOUSE_CLUSTER_DIR=$(mktemp -d /tmp/wheelhouse-pagereq.XXXXXX)
  own=1
  say "Starting a seeded cluster..."
  bash e2e/cluster/cluster.sh up --seed >/dev/null
fi
# shellcheck disable=SC1091
set -a && source "$WHEELHOUSE_CLUSTER_DIR/env" && set +a
[ -f "$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig" ] || bash e2e/lib/test-kubeconfig.sh
port=$(free_port)
KUBECONFIG="$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig" node_modules/.bin/next start --hostname 127.0.0.1 \
  --port "$port" >"$WHEELHOUSE_CLUSTER_DIR/page-requests-next.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/api/healthz" >/dev/null; do sleep 0.2; done
node --conditions=react-server --import tsx e2e/bench/page-requests.ts --base "http://127.0.0.1:$port" "$@"
