#!/usr/bin/env bash
# Builds the pinned metrics-server (go/metrics-server/go.mod) from the Go module proxy, once,
# into $WHEELHOUSE_CACHE/metrics-server/<key>/metrics-server. Its key hashes only its own
# wrapper module and the Go version, so its pin never rebuilds the control plane.
# Prints the path of the binary on stdout; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${WHEELHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wheelhouse}

say() { printf '[cluster] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed, so metrics-server cannot be built (install Go 1.26 or newer)."
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
gover=$(go env GOVERSION)
mod="$here/go/metrics-server"
key=$( (cat "$mod/go.mod" "$mod/go.sum"; echo "$gover") | sha256sum | cut -c1-16)
out="$cache/metrics-server/$key"

if [ -x "$out/metrics-server" ]; then echo "$out/metrics-server"; exit 0; fi

mkdir -p "$cache/metrics-server"
exec 9>"$cache/metrics-server/.lock"
flock 9
if [ -x "$out/metrics-server" ]; then echo "$out/metrics-server"; exit 0; fi
rm -rf "$cache"/metrics-server/*.tmp  # a build killed midway leaves one; never reuse it
mkdir -p "$out.tmp"

ver=$(cd "$mod" && go list -m -f '{{.Version}}' sigs.k8s.io/metrics-server)
t=$(date +%s)
say "building metrics-server $ver into $out (Go $gover, from the module proxy; a few minutes, once)"
( cd "$mod" && go mod download &&
  nice -n 10 go build -trimpath -ldflags "-s -w" -o "$out.tmp/metrics-server" \
    sigs.k8s.io/metrics-server/cmd/metrics-server ) &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 30
  kill -0 $pid 2>/dev/null && say "      still building metrics-server... $(( $(date +%s) - t ))s"
done
wait $pid
"$out.tmp/metrics-server" --help >/dev/null 2>&1 || { say "the metrics-server just built does not run"; exit 1; }
rm -rf "$out" && mv "$out.tmp" "$out"
say "      metrics-server done in $(( $(date +%s) - t ))s"
echo "$out/metrics-server"
