# Shared by start.sh and test.sh: install what the two commands need, with progress, and nothing else.
# shellcheck shell=bash

say() { printf '\033[1m[wheelhouse]\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

require_node() {
  command -v node >/dev/null 2>&1 || die "Node.js is not installed. Install Node.js 20.19 or newer (Debian: apt-get install nodejs npm)."
  local v; v=$(node -p 'process.versions.node')
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node.js $v is too old: Wheelhouse needs 20.19 or newer."
}

# npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then return; fi
  local t; t=$(date +%s)
  say "Installing npm packages (npm ci, about 30 s the first time)..."
  npm ci --no-audit --no-fund --loglevel=error
  say "npm packages installed in $(elapsed "$t")."
}

# Playwright cannot download its own browser here, so it drives Debian's chromium.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "Chromium is needed for the browser tests: install it (Debian: sudo apt-get install chromium) and run again."
  fi
  local t; t=$(date +%s)
  say "Installing Debian's chromium for the browser tests (about 30-60 s, once)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  say "chromium installed in $(elapsed "$t")."
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
