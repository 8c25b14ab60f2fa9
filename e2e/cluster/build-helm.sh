#!/usr/bin/env bash
# Builds the pinned helm (go/helm/go.mod) from the Go module proxy, once, into
# $WHEELHOUSE_CACHE/helm/<key>/helm. Its key hashes only its own wrapper module and the Go
# version, so a helm pin change never rebuilds the control plane and the reverse.
# Prints the path of the helm binary on stdout; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${WHEELHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wheelhouse}

say() { printf '[cluster] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed, so helm cannot be built (install Go 1.26 or newer)."
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
gover=$(go env GOVERSION)
key=$( (cat "$here/go/helm/go.mod" "$here/go/helm/go.sum"; echo "$gover") | sha256sum | cut -c1-16)
out="$cache/helm/$key"

if [ -x "$out/helm" ]; then echo "$out/helm"; exit 0; fi

# Its own folder and lock, apart from bin/: a control-plane build clears bin/*.tmp under its lock.
mkdir -p "$cache/helm"
exec 9>"$cache/helm/.lock"
flock 9
if [ -x "$out/helm" ]; then echo "$out/helm"; exit 0; fi
rm -rf "$cache"/helm/*.tmp  # a build killed midway leaves one; never reuse it
mkdir -p "$out.tmp"

hver=$(cd "$here/go/helm" && go list -m -f '{{.Version}}' helm.sh/helm/v4)
t=$(date +%s)
say "building helm $hver into $out (Go $gover, from the module proxy; a few minutes, once)"
( cd "$here/go/helm" && go mod download &&
  go build -trimpath -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$hver" \
    -o "$out.tmp/helm" helm.sh/helm/v4/cmd/helm ) &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 30
  kill -0 $pid 2>/dev/null && say "      still building helm... $(( $(date +%s) - t ))s"
done
wait $pid
"$out.tmp/helm" version --short >/dev/null || { say "the helm just built does not run"; exit 1; }
rm -rf "$out" && mv "$out.tmp" "$out"
say "      helm done in $(( $(date +%s) - t ))s"
echo "$out/helm"
