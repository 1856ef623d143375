// Starts a test engine with the busybox fixture for poking at by hand, and stops it on Ctrl-C:
//   npx tsx test/harness/hold-engine.ts
import { formatEndpoint } from '../../src/api/endpoint.js';
import { startDockerEngine } from './docker-engine.js';
import { ensureBusyboxImage } from './fixture-images.js';

const engine = await startDockerEngine();
const image = await ensureBusyboxImage(engine);
process.stdout.write(`engine: ${formatEndpoint(engine.endpoint)} (log: ${engine.logPath})\nimage: ${image}\n`);
process.stdout.write(`try: /usr/bin/docker -H ${formatEndpoint(engine.endpoint)} run --rm ${image} echo hello\nCtrl-C stops the engine and removes everything it made.\n`);
const keepAlive = setInterval(() => undefined, 60_000);
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => {
    clearInterval(keepAlive);
    void engine.stop().then(() => process.stdout.write('stopped\n'));
  });
}
