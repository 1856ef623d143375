import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerChain } from '../../../../src/runtime/images/store/index.js';
import { digestOf, sampleBytes } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

const blob = sampleBytes(100_000);
const digest = digestOf(blob);

/**
 * A source that sends the first half of the blob, then holds the rest until `release()`, and
 * stops as a registry request does when its signal aborts. `stopped` settles with that signal's
 * reason; `halfway` once the first half is out.
 */
function heldSource(): { source: (offset: number, signal: AbortSignal) => Promise<AsyncIterable<Buffer>>; halfway: Promise<void>; stopped: Promise<unknown>; release(): void; calls(): number } {
  let calls = 0;
  let reachHalfway!: () => void;
  let stop!: (reason: unknown) => void;
  let release!: () => void;
  const halfway = new Promise<void>((resolve) => (reachHalfway = resolve));
  const stopped = new Promise<unknown>((resolve) => (stop = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    halfway,
    stopped,
    release,
    calls: () => calls,
    source: async (offset, signal) => {
      calls += 1;
      return (async function* () {
        yield blob.subarray(offset, blob.length / 2);
        reachHalfway();
        await new Promise<void>((resolve, reject) => {
          void released.then(resolve);
          signal.addEventListener('abort', () => {
            stop(signal.reason);
            reject(signal.reason as Error);
          });
        });
        yield blob.subarray(blob.length / 2);
      })();
    },
  };
}

class Gone extends Error {}

describe('work a caller stops waiting for', () => {
  it('an ingest whose only caller stops fails with its reason at once, stops the source, and removes the partial file', async () => {
    const { store, root } = tempStore();
    const held = heldSource();
    const caller = new AbortController();

    const ingest = store.ingest({ digest, size: blob.length }, held.source, undefined, caller.signal);
    await held.halfway;
    expect(readdirSync(join(root, 'ingest'))).toEqual([digest.replace(':', '-')]);
    caller.abort(new Gone('client went'));

    await expect(ingest).rejects.toBeInstanceOf(Gone);
    await expect(held.stopped).resolves.toBeInstanceOf(Gone);
    await expect.poll(() => readdirSync(join(root, 'ingest'))).toEqual([]);
    expect(await store.has(digest)).toBe(false);
  });

  it('a download shared by two callers goes on for the one still waiting when the other stops', async () => {
    const { store } = tempStore();
    const held = heldSource();
    const leaving = new AbortController();
    const staying = new AbortController();
    const heard: number[] = [];

    const left = store.ingest({ digest, size: blob.length }, held.source, (bytes) => heard.push(bytes), leaving.signal);
    const stayed = store.ingest({ digest, size: blob.length }, held.source, undefined, staying.signal);
    await held.halfway;
    leaving.abort(new Gone('one client went'));
    await expect(left).rejects.toBeInstanceOf(Gone);
    const heardBefore = heard.length;
    held.release();

    await expect(stayed).resolves.toMatch(/blobs\/sha256\//);
    expect(held.calls()).toBe(1);
    expect(await store.has(digest)).toBe(true);
    // The caller that left hears no more progress.
    expect(heard).toHaveLength(heardBefore);
  });

  it('a caller without a signal keeps the download going whoever else stops', async () => {
    const { store } = tempStore();
    const held = heldSource();
    const leaving = new AbortController();

    const left = store.ingest({ digest, size: blob.length }, held.source, undefined, leaving.signal);
    const stayed = store.ingest({ digest, size: blob.length }, held.source);
    await held.halfway;
    leaving.abort(new Gone('client went'));
    await expect(left).rejects.toBeInstanceOf(Gone);
    held.release();

    await expect(stayed).resolves.toMatch(/blobs\/sha256\//);
  });

  it('a caller that comes while a stopped download lets go starts it anew and gets the blob', async () => {
    const { store } = tempStore();
    const first = heldSource();
    const caller = new AbortController();
    const stopped = store.ingest({ digest, size: blob.length }, first.source, undefined, caller.signal);
    await first.halfway;
    caller.abort(new Gone('client went'));

    const again = store.ingest({ digest, size: blob.length }, async (offset) => (async function* () {
      yield blob.subarray(offset);
    })());

    await expect(stopped).rejects.toBeInstanceOf(Gone);
    await expect(again).resolves.toMatch(/blobs\/sha256\//);
    expect(await store.has(digest)).toBe(true);
  });

  it('an unpack whose only caller stops is aborted through the filler\'s signal, and leaves no layer and no temporary directory', async () => {
    const { store, root } = tempStore();
    const [link] = layerChain([digestOf('layer')]);
    const caller = new AbortController();
    let filling!: () => void;
    const filled = new Promise<void>((resolve) => (filling = resolve));

    const made = store.withLayerDirectory(link!.chainId, async (directory, signal) => {
      writeFileSync(join(directory, 'half'), 'of a layer');
      filling();
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    }, link!, caller.signal);
    await filled;
    caller.abort(new Gone('client went'));

    await expect(made).rejects.toBeInstanceOf(Gone);
    await expect.poll(() => readdirSync(join(root, 'layers', 'tmp'))).toEqual([]);
    expect(existsSync(store.layerPath(link!.chainId))).toBe(false);
  });
});
