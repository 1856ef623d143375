#!/usr/bin/env bash
# `npm run demo`: berth's main job on the bundled example. Until the engine lands, that job is
# reading the Postgres-plus-web stack exactly as Docker Compose would and printing its model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
example=examples/postgres-web
echo "\$ berth -f $example/compose.yaml config"
node bin/berth.js -f "$example/compose.yaml" config
echo
echo "\$ berth -f $example/compose.yaml config --services"
node bin/berth.js -f "$example/compose.yaml" config --services
