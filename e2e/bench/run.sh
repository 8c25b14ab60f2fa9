#!/usr/bin/env bash
# `npm run bench`: a KWOK cluster of its own (50 fake nodes), filled with BENCH_DEPLOYMENTS Deployments
# and BENCH_PODS pods, a production build of the dashboard, then e2e/bench/bench.ts prints the figures.
# BENCH_PODS (10000), BENCH_DEPLOYMENTS (1000), BENCH_RATE (100/s), BENCH_SECONDS (30) tune it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source e2e/lib/common.sh
export NEXT_TELEMETRY_DISABLED=1
require_node
ensure_node_modules
ensure_chromium
export WHEELHOUSE_CLUSTER_DIR
WHEELHOUSE_CLUSTER_DIR=$(mktemp -d /tmp/wheelhouse-bench.XXXXXX)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  bash e2e/cluster/cluster.sh down "$WHEELHOUSE_CLUSTER_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say "Starting a cluster with 50 fake nodes..."
bash e2e/cluster/cluster.sh up --nodes 50 >/dev/null
# shellcheck disable=SC1091
set -a && source "$WHEELHOUSE_CLUSTER_DIR/env" && set +a
bash e2e/lib/test-kubeconfig.sh
[ -f .next/BUILD_ID ] && [ -f dist/server.mjs ] || { say "Building the dashboard..."; npm run -s build >/dev/null; }
port=$(free_port)
export WHEELHOUSE_BENCH_URL="http://127.0.0.1:$port"
KUBECONFIG="$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig" npm run -s serve -- --port "$port" \
  >"$WHEELHOUSE_CLUSTER_DIR/next.log" 2>&1 &
server=$!
until curl -sf "$WHEELHOUSE_BENCH_URL/api/healthz" >/dev/null; do sleep 0.2; done
node --conditions=react-server --import tsx e2e/bench/bench.ts
