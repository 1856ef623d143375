// What the benches that run engines check first and do when interrupted, in one place.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundleEntry = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

/** Exits 2, saying why, unless this runs as root (`script` runs engines) and, with `bundle`, dist/bundle is built. */
export function requireRootAndBundle(script: string, options: { bundle: boolean }): void {
  if (process.getuid?.() !== 0) {
    console.error(`${script} runs engines: run it as root`);
    process.exit(2);
  }
  if (options.bundle && !existsSync(bundleEntry)) {
    console.error('dist/bundle is missing: run `npm run build` first');
    process.exit(2);
  }
}

/**
 * On the first SIGINT or SIGTERM: says so, runs `cleanUp` (the engines, their containers and the
 * bench's files go), and exits 130, so an interrupted bench leaves nothing running.
 */
export function cleanUpOnInterrupt(cleanUp: () => Promise<void>): void {
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => {
      console.error(`${name}: stopping the engines`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
