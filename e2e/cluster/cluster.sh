#!/usr/bin/env bash
# Local Kubernetes cluster for Wheelhouse's e2e tests: real etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler run by kwokctl's binary runtime, with KWOK
# playing the kubelet of N fake nodes. All state (PKI, etcd data, logs, kubeconfig) lives in
# one directory, so clusters never collide and ~/.kube/config is never touched.
#
#   cluster.sh up [--nodes N] [--seed] [--oidc] [--metrics-server]
#                                        prints the directory; `source DIR/env` to use it
#                                        (--oidc: also the test OpenID provider, see oidc.sh)
#   cluster.sh down [DIR]                DIR defaults to $WHEELHOUSE_CLUSTER_DIR
#
# up uses $WHEELHOUSE_CLUSTER_DIR if set (must be empty or missing), else a fresh mktemp dir.
# Set WHEELHOUSE_KEEP_FAILED=1 to keep the directory of a failed `up` for debugging.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
marker=.wheelhouse-cluster

say() { printf '[cluster] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now_ms() { date +%s%3N; }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }

# kwokctl finds kubectl on PATH first, and each binary through these variables; the work
# dir holds kwokctl's whole cluster (and its default config path, which must not exist).
kwok_env() { # dir bin
  export PATH="$2:$PATH" KWOK_WORKDIR="$1/kwok" KWOK_KUBE_BINARY_PREFIX="$2" \
    KWOK_ETCD_BINARY="$2/etcd" KWOK_CONTROLLER_BINARY="$2/kwok" KWOK_KUBECTL_BINARY="$2/kubectl"
}

# Poll a command until it succeeds: the control plane comes up in a second or two, so short
# intervals beat fixed sleeps.
wait_for() { # seconds description command...
  local deadline=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { say "timed out waiting for $what"; return 1; }
    sleep 0.2
  done
}

teardown() { # dir
  local dir=$1 NAME='' BIN='' pids=() re
  [ -d "$dir" ] || { say "nothing at $dir"; return 0; }
  # An `up` that failed before writing anything (no Go, say) leaves the caller's empty mktemp folder.
  [ -f "$dir/$marker" ] || ! rmdir "$dir" 2>/dev/null || return 0
  # Only ever delete a directory that `up` created.
  [ -f "$dir/$marker" ] || die "$dir has no $marker file; not deleting it"
  # shellcheck disable=SC1090
  . "$dir/$marker"
  if [ -n "$NAME" ] && [ -x "$BIN/kwokctl" ] && [ -d "$dir/kwok/clusters/$NAME" ]; then
    ( kwok_env "$dir" "$BIN"
      kwokctl -v ERROR --name "$NAME" delete cluster --kubeconfig "$dir/kubeconfig" ) >&2 ||
      say "kwokctl delete failed; stopping the processes directly"
  fi
  # Components run from $dir/kwok/clusters/NAME/bin, so their command lines start with $dir;
  # anything kwokctl missed (a crash mid-up, a lost pid file) is found that way.
  # shellcheck disable=SC2016 # the sed script escapes regex characters, $ included
  re="^$(printf '%s/' "$dir" | sed 's/[][\.*^$()+?{}|]/\\&/g')"
  mapfile -t pids < <(pgrep -f "$re" || true)
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping leftover processes: ${pids[*]}"
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 50); do
      mapfile -t pids < <(pgrep -f "$re" || true)
      [ ${#pids[@]} = 0 ] && break
      sleep 0.1
    done
    [ ${#pids[@]} = 0 ] || kill -9 "${pids[@]}" 2>/dev/null || true
  fi
  rm -rf "$dir"
  say "removed $dir"
}

cmd_down() {
  local dir=${1:-${WHEELHOUSE_CLUSTER_DIR:-}}
  [ -n "$dir" ] || die "usage: cluster.sh down DIR (or set WHEELHOUSE_CLUSTER_DIR)"
  [ -d "$dir" ] || { say "nothing at $dir"; return 0; }
  teardown "$(cd "$dir" && pwd)"
}

# CRI log format ("<RFC3339 time> <stream> F <text>") is what kwok's log server reads.
log_line() { printf '%s %s F %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" "$1" "$2"; }

write_kwokctl_config() { # dir metrics(0|1: metrics-server's manifests and the usage of simulated pods) [extra componentsPatches entries]
  local dir=$1 manifests=''
  # A list, which kwokctl cannot take from the environment; a local folder is kustomize-built, not downloaded.
  [ "${2:-0}" = 0 ] || manifests="  metricsServerManifests: [$here/metrics-server]"
  cat <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  bindAddress: 127.0.0.1
$manifests
# kwokctl reads only this first KwokctlConfiguration: every component patch goes in this one list.
# metrics-server's is only used with --metrics-server: the nodes' InternalIPs are for show, kwok answers on "localhost".
componentsPatches:
- name: metrics-server
  extraArgs:
  - {key: kubelet-preferred-address-types, value: Hostname, override: true}
${3:-}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: wheelhouse-logs
spec:
  logs:
  - logsFile: $dir/logs/containers.log
    previousLogsFile: $dir/logs/previous.log
    follow: true
---
# \`kubectl exec\` into any simulated pod runs a real local shell, in a folder of the cluster's own,
# so the terminal is tested through the API server end to end.
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: wheelhouse-exec
spec:
  execs:
  - local:
      workDir: $dir/exec
      envs:
      - {name: HOME, value: $dir/exec}
      - {name: PS1, value: 'pod$ '}
EOF
  cat "$here/stages.yaml" "$here/stages-simulate.yaml"
  [ "${2:-0}" = 0 ] || cat "$here/metrics-usage.yaml"
}

nodes_yaml() { # count
  local i
  for i in $(seq 1 "$1"); do cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: wh-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
    # Where metrics-server scrapes this node: kwok serves every node's kubelet metrics on one port.
    metrics.k8s.io/resource-metrics-path: /metrics/nodes/wh-node-$i/metrics/resource
  labels:
    kubernetes.io/hostname: wh-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role.kubernetes.io/worker: ""
    topology.kubernetes.io/zone: zone-$(( (i - 1) % 3 + 1 ))
    type: kwok
spec:
  podCIDR: 10.244.$i.0/24
  podCIDRs: [10.244.$i.0/24]
status:
  # No Hostname on purpose: kwok adds its own ("localhost"), which routes pods/log to it.
  addresses:
  - {type: InternalIP, address: 172.18.0.$(( i + 1 ))}
EOF
  done
}

# Globals, because the EXIT trap that cleans up a failed `up` reads them.
ok=0 t0=0 dir='' name='' step='preparing'

cmd_up() {
  local nodes=3 seed=0 oidc=0 metrics=0 bin helm
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
      --nodes=*) nodes=${1#*=}; shift ;;
      --seed) seed=1; shift ;;
      --oidc) oidc=1; shift ;;
      --metrics-server) metrics=1; shift ;;
      *) die "unknown option $1 (usage: cluster.sh up [--nodes N] [--seed] [--oidc] [--metrics-server])" ;;
    esac
  done
  [[ $nodes =~ ^[1-9][0-9]?$ ]] || die "--nodes must be 1-99"
  t0=$(now_ms)

  bin=$(bash "$here/build.sh")
  helm=$(bash "$here/build-helm.sh")  # built by build.sh just now; this only finds it
  local kwok_metrics=()
  if [ $metrics = 1 ]; then
    export KWOK_METRICS_SERVER_BINARY
    KWOK_METRICS_SERVER_BINARY=$(bash "$here/build-metrics-server.sh")
    kwok_metrics=(--enable metrics-server)
  fi
  if [ -n "${WHEELHOUSE_CLUSTER_DIR:-}" ]; then
    dir=$WHEELHOUSE_CLUSTER_DIR
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty (a running cluster? try: cluster.sh down $dir)"
    dir=$(cd "$dir" && pwd)
  else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/wheelhouse-cluster.XXXXXX")
  fi
  # The env file is plain KEY=VALUE, so keep paths free of characters that need quoting.
  [[ $dir =~ ^[A-Za-z0-9/._-]+$ ]] || { rmdir "$dir" 2>/dev/null; die "unsupported characters in $dir"; }
  name="wh-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
  printf 'NAME=%s\nBIN=%s\n' "$name" "$bin" >"$dir/$marker"

  on_exit() {
    [ $ok = 1 ] && return
    say "up failed while $step, after $(since "$t0")"
    local f
    # Later steps print their own kubectl errors; only a control plane that won't come up
    # needs its logs shown.
    if [ "$step" = "starting the control plane" ]; then
      for f in "$dir"/kwokctl.log "$dir"/kwok/clusters/"$name"/logs/{kube-apiserver,etcd,kwok-controller}.log; do
        [ -s "$f" ] && { say "--- tail of $f"; tail -n 10 "$f" >&2; }
      done
    fi
    if [ "${WHEELHOUSE_KEEP_FAILED:-0}" = 1 ]; then say "kept $dir"; else
      say "(WHEELHOUSE_KEEP_FAILED=1 keeps the directory and its logs)"; teardown "$dir"; fi
  }
  trap on_exit EXIT
  trap 'exit 130' INT TERM

  kwok_env "$dir" "$bin"
  local kc="$dir/kubeconfig"
  k() { kubectl --kubeconfig "$kc" "$@"; }

  mkdir -p "$dir/logs" "$dir/exec"
  { log_line stdout "wheelhouse seeded log: server starting on :8080"
    log_line stdout "GET /healthz 200 0.4ms"
    log_line stderr "warning: cache miss for key session:42"; } >"$dir/logs/containers.log"
  { log_line stdout "starting worker"
    log_line stderr "panic: connection refused (previous container, wheelhouse seeded log)"; } >"$dir/logs/previous.log"
  local patches=''
  if [ $oidc = 1 ]; then
    # The provider first, so the API server's JWT authenticator finds its discovery document at once.
    step="starting the OpenID provider"
    bash "$here/oidc.sh" "$dir"
    patches=$(printf -- '- name: kube-apiserver\n  extraArgs:\n  - {key: authentication-config, value: %s}' \
      "$dir/oidc/authentication.yaml")
  fi
  write_kwokctl_config "$dir" "$metrics" "$patches" >"$dir/kwokctl.yaml"

  say "creating cluster $name in $dir"
  step="starting the control plane"
  # kwokctl hands out ports counting down from 32767 in every process, so two `up`s at once
  # would pick the same ones; serialise them until this cluster is listening on its own.
  # (kwokctl gets 9>&- so the long-lived components it starts don't inherit the lock.)
  mkdir -p "$(dirname "$bin")"
  exec 9>"$(dirname "$bin")/.cluster-up.lock"
  flock -w 180 9 || die "timed out waiting for another cluster.sh up to finish starting"
  kwokctl -v WARN -c "$dir/kwokctl.yaml" --name "$name" create cluster --runtime binary "${kwok_metrics[@]}" \
    --kubeconfig "$kc" --timeout 2m >"$dir/kwokctl.log" 2>&1 9>&- ||
    { say "kwokctl create cluster failed"; exit 1; }
  wait_for 60 "the API server" k get --raw /readyz
  wait_for 60 "the default ServiceAccount" k get --raw /api/v1/namespaces/default/serviceaccounts/default
  exec 9>&-
  say "API server ready after $(since "$t0")"
  if [ $metrics = 1 ]; then
    wait_for 90 "the Metrics API" k get --raw /apis/metrics.k8s.io/v1beta1/nodes
    say "Metrics API served after $(since "$t0")"
  fi

  step="creating nodes"
  nodes_yaml "$nodes" | k create -f - >/dev/null
  k wait --for=condition=Ready node --all --timeout=60s >/dev/null
  say "$nodes nodes Ready after $(since "$t0")"

  step="creating identities"
  k apply -f "$here/identities.yaml" >/dev/null
  local viewer nobody
  viewer=$(k create token viewer -n wheelhouse-system --duration=24h)
  nobody=$(k create token nobody -n wheelhouse-system --duration=24h)

  local conf="$dir/kwok/clusters/$name/kwok.yaml"
  port() { awk -v k="  $1:" '$0 ~ "^"k" " { print $2; exit }' "$conf"; }
  cat >"$dir/env" <<EOF
# Wheelhouse local test cluster; source this file. Written by e2e/cluster/cluster.sh.
KUBECONFIG=$kc
WHEELHOUSE_CLUSTER_DIR=$dir
WHEELHOUSE_CLUSTER_NAME=$name
WHEELHOUSE_KUBE_CONTEXT=$(k config current-context)
WHEELHOUSE_API_SERVER=https://127.0.0.1:$(port kubeApiserverPort)
WHEELHOUSE_CA_FILE=$dir/kwok/clusters/$name/pki/ca.crt
WHEELHOUSE_ETCD_ENDPOINT=http://127.0.0.1:$(port etcdPort)
WHEELHOUSE_VIEWER_TOKEN=$viewer
WHEELHOUSE_NOBODY_TOKEN=$nobody
WHEELHOUSE_BIN=$bin
WHEELHOUSE_HELM=$helm
# Every container's log; append CRI lines: "<RFC3339Nano time> stdout F <text>".
WHEELHOUSE_LOG_FILE=$dir/logs/containers.log
# What \`kubectl logs --previous\` returns, same format.
WHEELHOUSE_PREVIOUS_LOG_FILE=$dir/logs/previous.log
EOF
  grep -q '=$' "$dir/env" && die "could not fill every value of $dir/env"
  [ $oidc = 0 ] || cat "$dir/oidc/env" >>"$dir/env"

  step="seeding"
  if [ $seed = 1 ]; then
    bash "$here/seed.sh" "$dir"
  fi
  [ $oidc = 0 ] || k apply --server-side -f "$here/oidc-identities.yaml" >/dev/null
  ok=1
  say "cluster $name up in $(since "$t0"); use it with: source $dir/env"
  echo "$dir"
}

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  *) echo "usage: cluster.sh up [--nodes N] [--seed] [--oidc] | cluster.sh down [DIR]" >&2; exit 2 ;;
esac
