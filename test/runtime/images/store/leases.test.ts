import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { layerChain } from '../../../../src/runtime/images/store/index.js';
import { chunks, digestOf, leasedBlob, sampleBytes } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

const nothingReached = async (): Promise<{ blobs: Set<string>; layers: Set<string> }> => ({ blobs: new Set(), layers: new Set() });
/** A cutoff a minute ahead: every leftover, and every dead process's lease, counts as stale. */
const everythingStale = { staleAfterMs: -60_000 };

type Fixture = ChildProcessByStdio<Writable, Readable, null>;
const children: Fixture[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts leased-store.fixture.ts in its own process and waits for its first line, which must be `expected`. */
async function startFixture(mode: 'lease' | 'collect', root: string, expected: string): Promise<{ child: Fixture; nextLine: () => Promise<string | undefined> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'leased-store.fixture.ts'), mode, root], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string | undefined> => (await lines.next()).value as string | undefined;
  const first = await nextLine();
  if (first !== expected) throw new Error(`the ${mode} fixture said ${JSON.stringify(first)} where it should say "${expected}"`);
  return { child, nextLine };
}

async function killed(child: Fixture): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('leases on the image store', () => {
  it('keep what work in progress stored or looked at from garbage collection until they are released', async () => {
    const { store, root } = tempStore();
    const earlier = await store.writeJson({ stored: 'before the lease' });
    const bytes = sampleBytes(5000);
    const link = layerChain(['sha256:' + '11'.repeat(32)])[0]!;

    const leased = await store.lease();
    expect(await leased.has(earlier)).toBe(true);
    await leased.ingest({ digest: digestOf(bytes), size: bytes.length }, async () => chunks(bytes, 1000));
    const manifest = await leased.writeJson({ stored: 'under the lease' });
    await leased.withLayerDirectory(link.chainId, async (directory) => writeFile(join(directory, 'file'), 'x'), link);

    expect(await store.collectGarbage(nothingReached, everythingStale)).toEqual({ blobs: [], layers: [], stale: [] });
    await leased[Symbol.asyncDispose]();
    const after = await store.collectGarbage(nothingReached);
    expect(after.blobs).toEqual([earlier, digestOf(bytes), manifest].sort());
    expect(after.layers).toEqual([link.chainId]);
    expect(readdirSync(join(root, 'leases'))).toEqual([]);
  });

  it('make work that looks at the store during a collection wait for it, and then see what it left', async () => {
    const { store } = tempStore();
    const doomed = await store.writeJson({ reached: false });
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let started!: () => void;
    const underWay = new Promise<void>((resolve) => (started = resolve));
    const collection = store.collectGarbage(async () => {
      started();
      await gate;
      return nothingReached();
    });
    await underWay;

    await using leased = await store.lease();
    const order: string[] = [];
    const seen = leased.has(doomed).then((present) => (order.push('answered'), present));
    void collection.then(() => order.push('collected'));
    finish();
    expect((await collection).blobs).toEqual([doomed]);
    expect(await seen).toBe(false);
    expect(order).toEqual(['collected', 'answered']);
  });

  it("a live process's lease keeps its content from another process's collection; once the process is dead, until the lease is stale", async () => {
    const { store, root } = tempStore();
    const digest = digestOf(sampleBytes(leasedBlob));
    const { child } = await startFixture('lease', root, 'leased');
    const leases = readdirSync(join(root, 'leases'));
    expect(leases).toHaveLength(1);

    expect((await store.collectGarbage(nothingReached, everythingStale)).blobs).toEqual([]);
    await killed(child);
    expect((await store.collectGarbage(nothingReached)).blobs).toEqual([]);
    expect(await store.has(digest)).toBe(true);

    const late = await store.collectGarbage(nothingReached, everythingStale);
    expect(late.blobs).toEqual([digest]);
    expect(late.stale).toContain(join(root, 'leases', leases[0]!));
    expect(readdirSync(join(root, 'leases'))).toEqual([]);
  });

  it('make work that looks at the store wait for a collection running in another process', async () => {
    const { store, root } = tempStore();
    const doomed = await store.writeJson({ reached: false });
    const collector = await startFixture('collect', root, 'collecting');

    await using leased = await store.lease();
    const seen = leased.has(doomed);
    collector.child.stdin.write('go\n');
    expect(await collector.nextLine()).toBe('collected');
    expect(await seen).toBe(false);
  });

  it('a collection lock left by a dead process stops neither a collection nor work under a lease', async () => {
    const { store, root } = tempStore();
    const kept = await store.writeJson({ kept: true });
    // No process has pid 999999999 (Linux's pid_max is at most 2^22).
    writeFileSync(join(root, 'collect.lock'), '999999999-1');
    await using leased = await store.lease();
    expect(await leased.has(kept)).toBe(true);
    expect((await store.collectGarbage(nothingReached)).blobs).toEqual([]);
    expect(existsSync(join(root, 'collect.lock'))).toBe(false);
  });
});

