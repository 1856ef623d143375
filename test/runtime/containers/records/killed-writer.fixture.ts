// Run by killed-writer.test.ts in its own process, which it kills with SIGKILL while this writes:
//   node --import tsx killed-writer.fixture.ts STATE_DIRECTORY CONTAINER_ID
// Rewrites the container's record for ever, each time with a bigger counter and a payload made
// from it, and prints each counter once its record is on disk.
import { ContainerRecords } from '../../../../src/runtime/containers/records/index.js';
import { payloadFor } from './killed-writer-payload.js';

const [state, id] = process.argv.slice(2);
if (state === undefined || id === undefined) throw new Error('usage: killed-writer.fixture.ts STATE_DIRECTORY CONTAINER_ID');
const records = ContainerRecords.open(state);
for (let counter = Number(records.find(id).Config.Labels.counter ?? 0) + 1; ; counter++) {
  records.update(id, (record) => ({ ...record, Config: { ...record.Config, Labels: { counter: String(counter), payload: payloadFor(counter) } } }));
  process.stdout.write(`${counter}\n`);
}
