import { spawn } from 'node:child_process';
import { readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ContainerRecords } from '../../../../src/runtime/containers/records/index.js';
import { payloadFor } from './killed-writer-payload.js';
import { busyboxContainer, stateDirectory } from './record-fixtures.js';

interface Killed {
  /** The last counter the writer said was on disk. */
  reported: number;
  /** Whether the kill cut a write short: its temporary file is still there. */
  midWrite: boolean;
}

/**
 * Starts the writer and kills it with SIGKILL as soon as a temporary file appears in the record's
 * directory after `writes` whole writes: that is, while it writes the next record.
 */
async function killWhileWriting(state: string, id: string, writes: number): Promise<Killed> {
  const directory = join(state, 'containers', id);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'killed-writer.fixture.ts'), state, id], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));
  let seen = 0;
  const watcher = watch(directory, (_, file) => {
    if (seen >= writes && file?.endsWith('.tmp')) child.kill('SIGKILL');
  });
  let reported = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    reported = Number(line);
    seen++;
  }
  watcher.close();
  expect(await exited).toBe('SIGKILL');
  return { reported, midWrite: readdirSync(directory).some((file) => file.endsWith('.tmp')) };
}

describe('a container record whose writer is killed', () => {
  it('is always a whole record, the last one written, even when the kill cuts a write short', async () => {
    const state = stateDirectory();
    const records = ContainerRecords.open(state);
    const { Id } = records.commit(records.reserve('victim'), busyboxContainer());
    const rounds: Killed[] = [];
    for (const writes of [0, 1, 2, 3, 5, 8]) {
      const killed = await killWhileWriting(state, Id, writes);
      rounds.push(killed);
      const record = ContainerRecords.open(state).find(Id);
      const counter = Number(record.Config.Labels.counter ?? 0);
      // A counter is printed just after its record is renamed into place: the kill may fall between the two.
      expect([killed.reported, killed.reported + 1]).toContain(counter);
      expect(record.Config.Labels.payload === (counter === 0 ? undefined : payloadFor(counter))).toBe(true);
      // Opening swept the temporary file the kill left.
      expect(readdirSync(join(state, 'containers', Id))).toEqual(['container.json']);
    }
    // The writer was killed inside a write at least once, or the test proved nothing about that case.
    expect(rounds.filter((round) => round.midWrite).length).toBeGreaterThan(0);
  }, 60_000);
});
