#!/usr/bin/env bash
# `npm start`: the dashboard on http://127.0.0.1:${PORT:-3000}, against the current kubeconfig
# context, or, with no kubeconfig, against a local cluster seeded with sample workloads that lives
# as long as this command.
set -euo pipefail
cd "$(dirname "$0")/.."
source e2e/lib/common.sh
export NEXT_TELEMETRY_DISABLED=1
port=${PORT:-3000}
host=${HOST:-127.0.0.1}

require_node
ensure_node_modules

kubeconfig=${KUBECONFIG:-}
[ -z "$kubeconfig" ] && [ -f "$HOME/.kube/config" ] && kubeconfig="$HOME/.kube/config"

if [ -n "$kubeconfig" ]; then
  say "Using kubeconfig $kubeconfig (set KUBECONFIG to choose another)."
else
  say "No kubeconfig found: starting a local cluster with sample workloads."
  export WHEELHOUSE_CLUSTER_DIR=${WHEELHOUSE_CLUSTER_DIR:-$(mktemp -d /tmp/wheelhouse-demo.XXXXXX)}
  cleanup() { say "Stopping the local cluster..."; bash e2e/cluster/cluster.sh down "$WHEELHOUSE_CLUSTER_DIR" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  bash e2e/cluster/cluster.sh up --seed >/dev/null
  # shellcheck disable=SC1091
  set -a && source "$WHEELHOUSE_CLUSTER_DIR/env" && set +a
  # The first page is the Deployments of the context's namespace: make that the seeded one.
  "$WHEELHOUSE_BIN/kubectl" --kubeconfig "$KUBECONFIG" config set-context --current --namespace=demo >/dev/null
fi
export KUBECONFIG=${KUBECONFIG:-$kubeconfig}

t=$(date +%s)
say "Building the dashboard (npm run build, about 20-40 s)..."
npm run -s build >"${TMPDIR:-/tmp}/wheelhouse-build.log" 2>&1 || { cat "${TMPDIR:-/tmp}/wheelhouse-build.log" >&2; die "the build failed."; }
say "Built in $(elapsed "$t"). Wheelhouse is at http://$host:$port  (Ctrl-C stops it)"
# The one server entry (server.ts, built to dist/server.mjs): Next plus the terminal WebSocket.
npm run -s serve -- --hostname "$host" --port "$port"
