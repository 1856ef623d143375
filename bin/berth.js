#!/usr/bin/env node
// The entry point of both `berth` and its `compose` alias: it only loads the built CLI.
import { existsSync } from 'node:fs';

const main = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('berth: the CLI is not built yet (dist/ is missing)\n  hint: run `npm install && npm run build` in the berth checkout\n');
  process.exit(2);
}
const { main: run } = await import(main.href);
await run(process.argv);
