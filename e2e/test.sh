#!/usr/bin/env bash
# `npm test`: every check, against one real local cluster started once for the whole run.
# Order: cheap checks first so a typo fails in seconds, then the cluster, integration and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source e2e/lib/common.sh
export NEXT_TELEMETRY_DISABLED=1

run_start=$(date +%s)
results=.wheelhouse/results
rm -rf "$results" && mkdir -p "$results"

require_node
ensure_node_modules
ensure_chromium

step() { local t; t=$(date +%s); say "▶ $1"; shift; "$@"; say "✓ done in $(elapsed "$t")"; }

step "Format and lint (biome)" npx biome ci --reporter=summary .
step "Type check (tsc)" npx tsc --noEmit
step "Unit tests" npm run -s test:unit -- --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/unit.tap"

# The cluster comes up while nothing else needs the CPU; `next build` follows on a warm machine.
export WHEELHOUSE_CLUSTER_DIR=${WHEELHOUSE_CLUSTER_DIR:-$(mktemp -d /tmp/wheelhouse-test.XXXXXX)}
cleanup() { bash e2e/cluster/cluster.sh down "$WHEELHOUSE_CLUSTER_DIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
# --oidc: also the test OpenID provider (ORY Hydra, built once) the sign-in tests go through;
# --metrics-server: the Metrics API (metrics-server, built once) over KWOK's simulated usage.
step "Local cluster, OpenID provider and metrics-server (build once, then start and seed)" \
  bash e2e/cluster/cluster.sh up --seed --oidc --metrics-server >/dev/null
# shellcheck disable=SC1091
set -a && source "$WHEELHOUSE_CLUSTER_DIR/env" && set +a
step "Test identities in a kubeconfig of their own" bash e2e/lib/test-kubeconfig.sh
export WHEELHOUSE_TEST_KUBECONFIG="$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig"

step "Production build (next build and the server)" npm run -s build
step "Integration tests (real cluster)" npm run -s test:integration -- --test-reporter=spec \
  --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$results/integration.tap"

export WHEELHOUSE_PORT=${WHEELHOUSE_PORT:-$(free_port)}
step "Browser tests (Playwright, Debian chromium)" npx playwright test
step "Three replicas behind nginx (round-robin, one killed mid-test)" bash e2e/replicas/run.sh
step "The image (podman build from the Dockerfile, run as the manifests run it)" bash e2e/image/run.sh \
  --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination="$results/image.tap"
step "Recovery tests (API server stopped and restarted, etcd compacted; a cluster of their own)" \
  bash e2e/recovery.sh --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/recovery.tap"

say "All checks passed in $(elapsed "$run_start")."
node e2e/lib/summary.mjs "$results"
