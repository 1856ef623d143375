// berth's daemon from dist, what an installed berth runs, on a test engine's directories, for the
// benches that put berth's engine beside Docker's. The harness's startBerthEngine() runs the daemon
// from the sources with tsx (its loader thread, and an esbuild child when a file changed, would be
// in the figures); swapBundledDaemon() stops that daemon and starts `node <copy>/bin/berth.js
// daemon` on the same socket and directories instead. snapshotBerth() copies bin/berth.js and
// dist/bundle first, so that a `npm run build` elsewhere while a bench runs (it removes dist)
// changes neither the daemon's lazily loaded chunks nor the CLI the bench starts.
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineEndpoint } from '../src/api/endpoint.js';
import type { BerthTestEngine } from '../test/harness/berth-engine.js';
import { daemonArguments } from '../test/harness/berth-engine-setup.js';
import { logTail, spawnDockerd, terminate, type DockerdProcess } from '../test/harness/dockerd-process.js';
import { engineRequest } from '../test/harness/engine-http.js';

const stopGraceMs = 15_000;
const startTimeoutMs = 30_000;

/**
 * bin/berth.js and dist/bundle as they are now, in `directory` (with the package.json the version
 * comes from and a link to the checkout's node_modules). Returns the copy's bin/berth.js.
 */
export function snapshotBerth(repository: string, directory: string): string {
  if (!existsSync(join(repository, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle is missing: run `npm run build` first');
  cpSync(join(repository, 'dist', 'bundle'), join(directory, 'dist', 'bundle'), { recursive: true });
  cpSync(join(repository, 'bin', 'berth.js'), join(directory, 'bin', 'berth.js'));
  cpSync(join(repository, 'package.json'), join(directory, 'package.json'));
  symlinkSync(join(repository, 'node_modules'), join(directory, 'node_modules'));
  return join(directory, 'bin', 'berth.js');
}

/**
 * Replaces the engine's daemon (from the sources) by `node cli daemon` on the same directories and
 * waits until it answers. The returned function stops it and starts the harness's daemon again, so
 * that the engine's own stop() removes the containers and networks through the API as it does in
 * the tests. Call it before engine.stop().
 */
export async function swapBundledDaemon(engine: BerthTestEngine, cli: string): Promise<() => Promise<void>> {
  await terminate(engine.daemon(), stopGraceMs);
  const bundled = spawnDockerd(process.execPath, [cli, ...daemonArguments(engine.setup)], engine.setup.logPath);
  let restored: Promise<void> | undefined;
  const restore = (): Promise<void> =>
    (restored ??= (async () => {
      await terminate(bundled, stopGraceMs);
      await engine.restartDaemon();
    })());
  try {
    await waitForPing(engine.endpoint, bundled, engine.setup.logPath);
  } catch (error) {
    await restore().catch(() => undefined);
    throw error;
  }
  return restore;
}

async function waitForPing(endpoint: EngineEndpoint, daemon: DockerdProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (!daemon.hasExited() && Date.now() < deadline) {
    const answer = await engineRequest(endpoint, { method: 'GET', path: '/_ping', timeoutMs: 2_000 }).catch(() => undefined);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const state = daemon.hasExited() ? await daemon.exited : `still starting after ${startTimeoutMs / 1000} s`;
  throw new Error(`berth's daemon from dist did not answer /_ping (${state}); last lines of ${logPath}:\n${logTail(logPath)}`);
}
