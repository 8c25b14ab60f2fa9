#!/usr/bin/env bash
# Builds the pinned control-plane binaries (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok, kwokctl) from the Go module proxy, once. They land in
# $WHEELHOUSE_CACHE/bin/<key>/, where the key hashes their wrapper modules and the Go version,
# so a pin change builds afresh and everything else is reused. Then helm (build-helm.sh, its own
# key and folder, so a helm pin change never rebuilds Kubernetes).
# Prints the control plane's binary folder on stdout; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${WHEELHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wheelhouse}

say() { printf '[cluster] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed, so the local cluster cannot be built."
  say "Install Go 1.26 or newer (Debian: apt-get install golang-go, or https://go.dev/dl),"
  say "or point Wheelhouse at an existing cluster with KUBECONFIG."
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
gover=$(go env GOVERSION)
# The control plane's modules only (helm's has its own key); same order as the go/*/ glob was.
mods=(etcd kube kwok)
key=$( (for m in "${mods[@]}"; do cat "$here/go/$m/go.mod"; done
        for m in "${mods[@]}"; do cat "$here/go/$m/go.sum"; done; echo "$gover") | sha256sum | cut -c1-16)
out="$cache/bin/$key"
names=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kwokctl)

build_helm() { bash "$here/build-helm.sh" >/dev/null; }

complete=1
for n in "${names[@]}"; do [ -x "$out/$n" ] || complete=0; done
if [ $complete = 1 ]; then build_helm; echo "$out"; exit 0; fi

# One build at a time: parallel test runs on a cold machine wait for the first one's binaries.
mkdir -p "$cache/bin"
exec 9>"$cache/bin/.lock"
flock 9
complete=1
for n in "${names[@]}"; do [ -x "$out/$n" ] || complete=0; done
if [ $complete = 1 ]; then exec 9>&-; build_helm; echo "$out"; exit 0; fi
rm -rf "$cache"/bin/*.tmp  # a build killed midway leaves one; never reuse it
mkdir -p "$out.tmp"
start=$(date +%s)
say "First run: building the local Kubernetes control plane into $out"
say "(Go $gover, from the module proxy; about 10-20 minutes on 2 cores, once.)"

build() { # dir, then packages
  local dir=$1; shift
  ( cd "$here/go/$dir" && go mod download && go build -trimpath -o "$out.tmp/" "$@" )
}

kver=$(cd "$here/go/kube" && go list -m -f '{{.Version}}' k8s.io/kubernetes)
minor=$(echo "$kver" | cut -d. -f2)
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kver -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

t=$(date +%s); say "[1/4] etcd"
build etcd -ldflags "-s -w" go.etcd.io/etcd/server/v3
mv "$out.tmp/server" "$out.tmp/etcd"  # go names the binary after the module path
say "      etcd done in $(( $(date +%s) - t ))s"

t=$(date +%s); say "[2/4] kwok, kwokctl"
build kwok -ldflags "-s -w" sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl
say "      kwok done in $(( $(date +%s) - t ))s"

t=$(date +%s); say "[3/4] kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $kver (the long one)"
build kube -ldflags "$ldflags" k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 30
  kill -0 $pid 2>/dev/null && say "      still building Kubernetes... $(( $(date +%s) - t ))s"
done
wait $pid
say "      Kubernetes done in $(( $(date +%s) - t ))s"

for n in "${names[@]}"; do [ -x "$out.tmp/$n" ] || { say "missing $n after build"; exit 1; }; done
rm -rf "$out" && mv "$out.tmp" "$out"
exec 9>&-  # helm has its own lock; nobody need wait on this one for it
t=$(date +%s); say "[4/4] helm"
build_helm
say "      helm ready in $(( $(date +%s) - t ))s"
say "Built in $(( $(date +%s) - start ))s."
echo "$out"
