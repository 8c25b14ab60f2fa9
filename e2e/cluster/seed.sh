#!/usr/bin/env bash
# Seeds a cluster made by cluster.sh: applies seed/*.yaml (namespaces demo, shop, data), then
# rolls out revisions 2 and 3 as patches so workloads have a rollout history, and waits until
# every object is in the state the e2e tests expect.
#   seed.sh DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: seed.sh DIR (a directory printed by cluster.sh up)}
[ -f "$dir/env" ] || { echo "[cluster] no env file in $dir" >&2; exit 1; }
# shellcheck disable=SC1091
. "$dir/env"

say() { printf '[cluster] %s\n' "$*" >&2; }
die() { say "seed error: $*"; exit 1; }
now_ms() { date +%s%3N; }
t0=$(now_ms)
k() { "$WHEELHOUSE_BIN/kubectl" --kubeconfig "$KUBECONFIG" "$@"; }

# Server-side apply: client-side apply would copy each Secret's stringData, markers included,
# into the kubectl.kubernetes.io/last-applied-configuration annotation.
apply() { k apply --server-side --force-conflicts "$@" >/dev/null; }

wait_for() { # seconds description command...
  local deadline=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "timed out waiting for $what"
    sleep 0.2
  done
}

# Waits for several rollouts at once; each argument is namespace/kind/name.
rollouts() {
  local r pids=() failed=0
  for r in "$@"; do
    k rollout status -n "${r%%/*}" "${r#*/}" --timeout=60s >/dev/null & pids+=($!)
  done
  for r in "${pids[@]}"; do wait "$r" || failed=1; done
  [ $failed = 0 ] || die "a rollout did not finish: $*"
}

# A new revision: one strategic-merge patch sets both the pod template change and the
# change-cause, so the new ReplicaSet / ControllerRevision records the cause it belongs to.
revise() { # namespace kind/name cause template-patch-json
  k -n "$1" patch "$2" --type=strategic >/dev/null \
    -p "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"$3\"}},\"spec\":{\"template\":$4}}"
}
image() { printf '{"spec":{"containers":[{"name":"%s","image":"%s"}]}}' "$1" "$2"; }
env1() { printf '{"spec":{"containers":[{"name":"%s","env":[{"name":"%s","value":"%s"}]}]}}' "$1" "$2" "$3"; }

say "seeding demo, shop and data"
apply -f "$here/seed/00-namespaces.yaml"
for ns in demo shop data; do
  # Pods are refused until the namespace's default ServiceAccount exists.
  wait_for 30 "ServiceAccount $ns/default" k get serviceaccount default -n "$ns"
done

# A TLS Secret needs a parseable certificate, so make a fresh self-signed one.
tls=$(mktemp -d)
if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
  -subj /CN=web.demo.example.com -addext subjectAltName=DNS:web.demo.example.com \
  -keyout "$tls/tls.key" -out "$tls/tls.crt" >/dev/null 2>&1; then
  k create secret tls web-tls -n demo --cert "$tls/tls.crt" --key "$tls/tls.key" \
    --dry-run=client -o yaml | apply -f -
else
  say "openssl not found: web-tls gets placeholder PEM data"
  k create secret generic web-tls -n demo --type=kubernetes.io/tls --dry-run=client -o yaml \
    --from-literal=tls.crt=wh-secret-marker-tls-cert --from-literal=tls.key=wh-secret-marker-tls-key |
    apply -f -
fi
rm -rf "$tls"

apply -f "$here/seed/10-config.yaml" -f "$here/seed/20-workloads.yaml" \
  -f "$here/seed/30-services.yaml" -f "$here/seed/40-pods.yaml"
k create job nightly-report-manual --from=cronjob/nightly-report -n demo >/dev/null
rollouts demo/deployment/web demo/deployment/api shop/deployment/storefront \
  shop/deployment/checkout shop/deployment/cache data/statefulset/postgres demo/daemonset/log-agent
say "revision 1 ready after $(( $(now_ms) - t0 ))ms"

# Revision 2. checkout's new pods can never pull their image, so its rollout stays stuck;
# it goes first so its short progress deadline runs out while the rest is seeded.
revise shop deployment/checkout "release 2.4.0-rc1" \
  '{"metadata":{"labels":{"wheelhouse.dev/simulate":"imagepull"}},"spec":{"containers":[{"name":"checkout","image":"registry.example.com/shop/checkout:2.4.0-rc1"}]}}'
revise demo deployment/web "upgrade nginx to 1.26.2" "$(image nginx nginx:1.26.2)"
revise demo deployment/api "enable search and recommendations" "$(env1 api FEATURE_FLAGS search,recommendations)"
revise shop deployment/storefront "release 3.2.0" "$(image storefront registry.example.com/shop/storefront:3.2.0)"
revise data statefulset/postgres "upgrade postgres to 16.4" "$(image postgres postgres:16.4)"
revise demo daemonset/log-agent "upgrade fluent-bit to 3.1.4" "$(image fluent-bit fluent/fluent-bit:3.1.4)"
rollouts demo/deployment/web demo/deployment/api shop/deployment/storefront \
  data/statefulset/postgres demo/daemonset/log-agent

# Revision 3.
revise demo deployment/web "set LOG_LEVEL=debug" "$(env1 nginx LOG_LEVEL debug)"
revise demo deployment/api "release api 1.5.0" "$(image api ghcr.io/wheelhouse-demo/api:1.5.0)"
revise shop deployment/storefront "switch THEME to spring-sale" "$(env1 storefront THEME spring-sale)"
rollouts demo/deployment/web demo/deployment/api shop/deployment/storefront
say "revisions 2 and 3 rolled out after $(( $(now_ms) - t0 ))ms"

# No cloud controller runs, so give the LoadBalancers the addresses one would have assigned.
k -n shop patch service storefront --subresource=status --type=merge >/dev/null \
  -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}'
k -n data patch service postgres-public --subresource=status --type=merge >/dev/null \
  -p '{"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.20"}]}}}'

# Settle everything the tests look at.
waiting='{.status.containerStatuses[0].state.waiting.reason}'
k -n shop wait --for=condition=Complete job/db-migrate --timeout=30s >/dev/null
k -n demo wait --for=condition=Complete job/nightly-report-manual --timeout=30s >/dev/null
k -n demo wait --for=condition=Ready --timeout=30s >/dev/null \
  pod/privileged-pod pod/root-pod pod/hostnetwork-pod pod/hostpath-pod pod/env-secret-pod
k -n demo wait --for=jsonpath="$waiting"=CrashLoopBackOff pod/sim-crashloop pod/sim-oomkilled --timeout=30s >/dev/null
k -n demo wait --for=jsonpath="$waiting"=ImagePullBackOff pod/sim-imagepull --timeout=30s >/dev/null
k -n demo wait --for=jsonpath='{.status.containerStatuses[0].started}'=true pod/sim-unready --timeout=30s >/dev/null
k -n demo wait --for=condition=PodScheduled=false pod/pvc-waiter --timeout=30s >/dev/null
k -n shop wait --for=jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}'=ProgressDeadlineExceeded \
  deployment/checkout --timeout=60s >/dev/null
say "seeded in $(( $(now_ms) - t0 ))ms"
