// Run by engine-cleanup.test.ts in a child process that is then killed: an engine whose test
// process died with a container running on a user network, as a crashed test run leaves it.
import { startDockerEngine } from './docker-engine.js';
import { ensureBusyboxImage } from './fixture-images.js';
import { call } from './raw-calls.js';

const engine = await startDockerEngine();
const image = await ensureBusyboxImage(engine);
await call(engine, 'POST', '/networks/create', { Name: 'abandoned', Driver: 'bridge' });
const { Id } = JSON.parse(await call(engine, 'POST', '/containers/create', { Image: image, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'abandoned' } })) as { Id: string };
await call(engine, 'POST', `/containers/${Id}/start`);
process.stdout.write(`${engine.directory}\n`);
setInterval(() => undefined, 60_000); // stay alive until killed
