#!/usr/bin/env bash
# `npm run test:recovery`, and the last step of `npm test`: the destructive watch-cache tests (API server stopped and restarted, etcd
# compacted) against a cluster of their own, so they never disturb `npm test` or a shared cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
source e2e/lib/common.sh
require_node
ensure_node_modules
export WHEELHOUSE_CLUSTER_DIR
WHEELHOUSE_CLUSTER_DIR=$(mktemp -d /tmp/wheelhouse-recovery.XXXXXX)
cleanup() { bash e2e/cluster/cluster.sh down "$WHEELHOUSE_CLUSTER_DIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
bash e2e/cluster/cluster.sh up >/dev/null
# shellcheck disable=SC1091
set -a && source "$WHEELHOUSE_CLUSTER_DIR/env" && set +a
bash e2e/lib/test-kubeconfig.sh
export WHEELHOUSE_TEST_KUBECONFIG="$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig"
# Extra arguments go to node --test (npm test adds its reporters).
node --conditions=react-server --import tsx --test --test-concurrency=1 "$@" e2e/recovery/*.test.ts
