// A private registry holding one fixture image, and beside it a private Debian dockerd, for the
// pull benchmark run as a plain node script: prints one JSON line `{"socket": ..., "reference":
// ...}` once both are ready, and stops both (removing everything they made) when stdin closes
// or on SIGINT/SIGTERM, so they never outlive the benchmark that spawned them. The fixture is
// built into the fixture cache first when it is not there (debootstrap: half a minute or more).
// Run with `npx tsx bench/bench-registry.ts [fixture=debian-bookworm-slim]`.
import { startDockerEngine } from '../test/harness/docker-engine.js';
import { fixtureRecipes, pushFixture, type FixtureName } from '../test/harness/fixtures/index.js';
import { startRegistry } from '../test/harness/registry.js';

const name = process.argv[2] ?? 'debian-bookworm-slim';
if (!Object.hasOwn(fixtureRecipes, name)) throw new Error(`no fixture ${name}; the fixtures are ${Object.keys(fixtureRecipes).join(', ')}`);

const registry = await startRegistry();
const engine = await startDockerEngine().catch(async (error: unknown) => {
  await registry.stop();
  throw error;
});
const stopBoth = (): Promise<unknown> => Promise.allSettled([engine.stop(), registry.stop()]);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void stopBoth().then(() => process.exit(0));
};
process.stdin.on('end', stop).on('close', stop).resume();
for (const signalName of ['SIGINT', 'SIGTERM'] as const) process.once(signalName, stop);

try {
  if (engine.endpoint.kind !== 'unix') throw new Error('the harness engine listens on a UNIX socket');
  const pushed = await pushFixture(registry, name as FixtureName, `bench/${name}:1`);
  process.stdout.write(`${JSON.stringify({ socket: engine.endpoint.socketPath, reference: pushed.reference })}\n`);
} catch (error) {
  await stopBoth();
  throw error;
}
