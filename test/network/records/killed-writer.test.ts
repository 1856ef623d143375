import { spawn } from 'node:child_process';
import { readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openRecords } from './records-fixtures.js';

interface Killed {
  /** The last step the writer said was on disk. */
  reported: number;
  /** Whether the kill cut a write short: its temporary file is still there. */
  midWrite: boolean;
}

/** Starts the writer and kills it with SIGKILL as soon as a temporary file appears after `writes` whole steps. */
async function killWhileWriting(state: string, network: string, writes: number): Promise<Killed> {
  const directory = join(state, 'networks');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'killed-writer.fixture.ts'), state, network], { stdio: ['ignore', 'pipe', 'inherit'] });
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

describe('a network record whose writer is killed', () => {
  it('is always whole and holds the last step written, or one write more, whenever the kill falls', async () => {
    const { records, state } = await openRecords();
    const { Id } = await records.create({ Name: 'victim' });
    const rounds: Killed[] = [];
    let highest = 0;
    for (const writes of [0, 1, 2, 3, 5, 8]) {
      const killed = await killWhileWriting(state, Id, writes);
      rounds.push(killed);
      const { records: reopened } = await openRecords({ state });
      const endpoints = Object.values(reopened.find(Id).endpoints);
      // Every endpoint read back is whole, its payload the one written with it.
      for (const endpoint of endpoints) expect(endpoint.aliases?.[0]).toBe(`payload-${'x'.repeat(Number(endpoint.containerName) % 4096)}`);
      // The last step printed is on disk, and at most the connect of the next one after it.
      const last = killed.reported === 0 ? highest : killed.reported;
      highest = Math.max(...endpoints.map((endpoint) => Number(endpoint.containerName)), 0);
      expect([last, last + 1]).toContain(highest);
      // Opening swept the temporary file the kill left.
      expect(readdirSync(join(state, 'networks')).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    }
    // The writer was killed inside a write at least once, or the test proved nothing about that case.
    expect(rounds.filter((round) => round.midWrite).length).toBeGreaterThan(0);
  }, 60_000);
});
