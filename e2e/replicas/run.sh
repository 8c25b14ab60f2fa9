#!/usr/bin/env bash
# Three `npm run serve` replicas behind Debian's nginx (round-robin, no affinity), driven by
# Playwright; one replica is killed mid-test. Needs the cluster env and a `next build` (e2e/test.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source e2e/lib/common.sh
: "${WHEELHOUSE_TEST_KUBECONFIG:?run through npm test, or source the cluster env and run e2e/lib/test-kubeconfig.sh}"

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  say "Installing nginx from Debian (once)..."
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends nginx \
    || die "nginx could not be installed (apt-get install -y nginx); the replica test needs it."
fi
# The spec starts its own nginx (a config in a temp folder, an unprivileged port), found on PATH.
export PATH="$PATH:/usr/sbin"
npx playwright test --config e2e/replicas/playwright.config.ts "$@"
