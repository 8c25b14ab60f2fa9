#!/usr/bin/env bash
# Writes $WHEELHOUSE_CLUSTER_DIR/test-kubeconfig: the admin context plus `viewer` and `nobody`
# (ServiceAccount tokens, so RBAC is the cluster's own) and `unreachable` (a closed port), which is
# what the dashboard under test reads. The admin kubeconfig stays untouched for the tests themselves.
set -euo pipefail
: "${WHEELHOUSE_CLUSTER_DIR:?}" "${KUBECONFIG:?}" "${WHEELHOUSE_BIN:?}" "${WHEELHOUSE_VIEWER_TOKEN:?}" "${WHEELHOUSE_NOBODY_TOKEN:?}"
out="$WHEELHOUSE_CLUSTER_DIR/test-kubeconfig"
k() { "$WHEELHOUSE_BIN/kubectl" --kubeconfig "$out" "$@" >/dev/null; }

"$WHEELHOUSE_BIN/kubectl" --kubeconfig "$KUBECONFIG" config view --raw --flatten --minify >"$out"
chmod 600 "$out"
cluster=$("$WHEELHOUSE_BIN/kubectl" --kubeconfig "$out" config view -o jsonpath='{.clusters[0].name}')
admin=$("$WHEELHOUSE_BIN/kubectl" --kubeconfig "$out" config current-context)
k config rename-context "$admin" admin
k config set-credentials viewer --token="$WHEELHOUSE_VIEWER_TOKEN"
k config set-credentials nobody --token="$WHEELHOUSE_NOBODY_TOKEN"
k config set-context viewer --cluster="$cluster" --user=viewer --namespace=demo
k config set-context nobody --cluster="$cluster" --user=nobody --namespace=demo
# A free port nobody listens on (fetch refuses "bad ports" such as 1 before connecting).
closed_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
k config set-cluster closed --server="https://127.0.0.1:$closed_port" --insecure-skip-tls-verify=true
k config set-context unreachable --cluster=closed --user=nobody --namespace=default
k config use-context admin
echo "WHEELHOUSE_TEST_KUBECONFIG=$out" >>"$WHEELHOUSE_CLUSTER_DIR/env"
