// Bundles the compiled CLI (dist/cli) into dist/bundle: one file for start-up plus a chunk per
// lazily loaded command. Node resolves ~240 small modules for `berth up`, which took most of a
// no-change `up`'s time; the bundle loads a handful. Packages from node_modules stay outside.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
