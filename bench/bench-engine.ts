// A private Debian dockerd with the busybox fixture image, for benchmarks run as plain node
// scripts: prints one JSON line `{"socket": ..., "image": ...}` once the engine is ready, and
// stops the engine (removing everything it made) when stdin closes or on SIGINT/SIGTERM, so it
// never outlives the benchmark that spawned it. Run with `npx tsx bench/bench-engine.ts`.
import { startDockerEngine } from '../test/harness/docker-engine.js';
import { ensureBusyboxImage } from '../test/harness/fixture-images.js';

const engine = await startDockerEngine();
const image = await ensureBusyboxImage(engine);
if (engine.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
process.stdout.write(`${JSON.stringify({ socket: engine.endpoint.socketPath, image })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void engine.stop().then(() => process.exit(0));
};
process.stdin.on('end', stop).on('close', stop).resume();
for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, stop);
