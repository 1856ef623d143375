// Run by killed-writer.test.ts in its own process, which it kills with SIGKILL while this writes:
//   node --import tsx killed-writer.fixture.ts STATE_DIRECTORY NETWORK
// Step n connects container n (numbered after the highest already there), then disconnects every
// container below n, one write each; it prints n once all of that is on disk.
import { NetworkRecords } from '../../../src/network/records/index.js';
import { containerId } from './container-id.js';

const [state, network] = process.argv.slice(2);
if (state === undefined || network === undefined) throw new Error('usage: killed-writer.fixture.ts STATE_DIRECTORY NETWORK');
const records = await NetworkRecords.open(state, { readRoutes: () => Promise.resolve([]) });
const numbers = () => Object.values(records.find(network).endpoints).map((endpoint) => Number(endpoint.containerName));
for (let step = Math.max(0, ...numbers()) + 1; ; step++) {
  records.connect(network, { containerId: containerId(step), containerName: String(step), config: { Aliases: [`payload-${'x'.repeat(step % 4096)}`] } });
  for (const older of numbers().filter((n) => n < step)) records.disconnect(network, containerId(older));
  process.stdout.write(`${step}\n`);
}
