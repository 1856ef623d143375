#!/usr/bin/env bash
# `npm run demo`: berth's main job on the bundled example. Installs what berth needs, starts its
# engine (with the example's images served locally when Docker Hub is out of reach), brings
# examples/postgres-web up and waits for it to be healthy, then prints the address to open.
# Safe to run again: each step keeps what is already there, and `up` of a running stack changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --demo

example=examples/postgres-web
# The app's one dependency (pg), installed as its README tells a user to: npm ci in the app folder.
if [ ! -f "$example/app/node_modules/.package-lock.json" ] || [ "$example/app/package-lock.json" -nt "$example/app/node_modules/.package-lock.json" ]; then
  echo "demo: installing the web app's node modules"
  npm ci --prefix "$example/app" --omit=dev --no-audit --no-fund --loglevel=error
fi

node --import tsx scripts/demo/prepare.ts

port="${WEB_PORT:-8080}"
echo "\$ berth -f $example/compose.yaml up -d --wait"
node bin/berth.js -f "$example/compose.yaml" up -d --wait
echo
echo "\$ berth -f $example/compose.yaml ps"
node bin/berth.js -f "$example/compose.yaml" ps
echo
echo "\$ curl http://127.0.0.1:$port/"
node -e "require('http').get('http://127.0.0.1:$port/', (r) => r.pipe(process.stdout))"
echo
echo "The stack is up: open http://127.0.0.1:$port/ (each request records a visit)."
echo "Take it down with: node bin/berth.js -f $example/compose.yaml down   (add -v to drop the data)"
