#!/usr/bin/env bash
# `npm test`: set the machine up (with the test engine and fixtures' packages), then run every
# test. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
npx tsc -p tsconfig.json --noEmit
exec npx vitest run "$@"
