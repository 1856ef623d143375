#!/usr/bin/env bash
# Installs what berth needs on a Debian machine, as root: the Debian packages listed in
# scripts/debian-packages.txt (with --demo, scripts/debian-packages-demo.txt too; with --test,
# the demo's and scripts/debian-packages-test.txt; with --bench, those and
# scripts/debian-packages-bench.txt), the node modules, and the built CLI. Safe to run again: each
# step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

lists=(scripts/debian-packages.txt)
case "${1:-}" in
  --demo) lists+=(scripts/debian-packages-demo.txt) ;;
  --test) lists+=(scripts/debian-packages-demo.txt scripts/debian-packages-test.txt) ;;
  --bench) lists+=(scripts/debian-packages-demo.txt scripts/debian-packages-test.txt scripts/debian-packages-bench.txt) ;;
esac
mapfile -t packages < <(cat "${lists[@]}" | grep -v '^\s*#' | grep -v '^\s*$' || true)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# node_modules is current when npm's own record of the install is newer than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing node modules"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -f dist/bundle/main.js ] || [ -n "$(find src -newer dist/bundle/main.js -print -quit)" ]; then
  echo "setup: building berth"
  npm run --silent build
fi
