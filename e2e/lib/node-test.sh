#!/usr/bin/env bash
# node --test over one suite's files. Node 20 has no globs for --test, and options must come before
# the file list, so `npm run test:unit -- --test-reporter=…` passes through here.
set -euo pipefail
suite=$1
shift
case $suite in
  unit) mapfile -t files < <(find lib components -name '*.test.ts' -o -name '*.test.tsx' | sort) ;;
  integration)
    mapfile -t files < <(find e2e/integration -name '*.test.ts' | sort)
    set -- --test-concurrency=4 "$@"
    ;;
  *) echo "unknown suite $suite" >&2; exit 2 ;;
esac
exec node --conditions=react-server --import tsx --test "$@" "${files[@]}"
