#!/usr/bin/env bash
# Builds the pinned ORY Hydra (go/hydra/go.mod) from the Go module proxy, once, into
# $WHEELHOUSE_CACHE/hydra/<key>/hydra: the real OpenID provider the OIDC sign-in tests use.
# Its key hashes only its own wrapper module and the Go version. With cgo and the sqlite tag, as
# Hydra's own release build does, so DSN=memory (an in-memory SQLite) works.
# Prints the path of the hydra binary on stdout; progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${WHEELHOUSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wheelhouse}

say() { printf '[cluster] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed, so Hydra cannot be built (install Go 1.26 or newer)."
  exit 3
fi
if ! command -v gcc >/dev/null 2>&1; then
  say "gcc is missing: Hydra's in-memory database is SQLite through cgo (apt-get install gcc)."
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=1 GOFLAGS=-buildvcs=false
gover=$(go env GOVERSION)
key=$( (cat "$here/go/hydra/go.mod" "$here/go/hydra/go.sum"; echo "$gover") | sha256sum | cut -c1-16)
out="$cache/hydra/$key"

if [ -x "$out/hydra" ]; then echo "$out/hydra"; exit 0; fi

mkdir -p "$cache/hydra"
exec 9>"$cache/hydra/.lock"
flock 9
if [ -x "$out/hydra" ]; then echo "$out/hydra"; exit 0; fi
rm -rf "$cache"/hydra/*.tmp  # a build killed midway leaves one; never reuse it
mkdir -p "$out.tmp"

hver=$(cd "$here/go/hydra" && go list -m -f '{{.Version}}' github.com/ory/hydra/v2)
t=$(date +%s)
say "building ORY Hydra $hver into $out (Go $gover, cgo, from the module proxy; 10+ minutes, once)"
( cd "$here/go/hydra" && go mod download &&
  nice -n 10 go build -trimpath -tags sqlite,sqlite_omit_load_extension \
    -ldflags "-s -w -X github.com/ory/hydra/v2/driver/config.Version=$hver" \
    -o "$out.tmp/hydra" github.com/ory/hydra/v2 ) &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 30
  kill -0 $pid 2>/dev/null && say "      still building Hydra... $(( $(date +%s) - t ))s"
done
wait $pid
"$out.tmp/hydra" version >/dev/null || { say "the hydra just built does not run"; exit 1; }
rm -rf "$out" && mv "$out.tmp" "$out"
say "      Hydra done in $(( $(date +%s) - t ))s"
echo "$out/hydra"
