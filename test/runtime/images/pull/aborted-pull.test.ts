import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage, type PullProgress } from '../../../../src/runtime/images/pull/index.js';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { registryProxy, type RegistryProxy } from '../../../harness/registry-proxy.js';

class ClientWent extends Error {}

/** Where the busybox layer's download goes silent, well inside its ~1 MB. */
const stallAt = 100_000;

/** Every entry under the store's working directories: what an aborted pull must not leave. */
function leftovers(root: string): Record<string, string[]> {
  const list = (path: string) => (existsSync(join(root, path)) ? readdirSync(join(root, path)) : []);
  return { leases: list('leases'), ingest: list('ingest'), layerTemp: list('layers/tmp'), layers: list('layers/sha256') };
}

/** A progress listener that settles `needed` once the pull says it is to fetch `layer`. */
function waitForPending(layer: string): { needed: Promise<void>; onProgress: (event: PullProgress) => void } {
  let needed!: () => void;
  const promise = new Promise<void>((resolve) => (needed = resolve));
  return { needed: promise, onProgress: (event) => event.kind === 'layer' && event.digest === layer && event.status === 'pending' && needed() };
}

describe('a pull whose signal aborts', () => {
  const registry = useRegistry();
  let root: string;
  let store: ContentStore;
  let proxy: RegistryProxy;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-pull-aborted-'));
    store = new ContentStore(root);
    proxy = await registryProxy(registry().host);
  });
  afterEach(async () => {
    await proxy.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function busyboxLayer(): Promise<string> {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    const fetched = await new RegistryClient(registry().host).getManifest('library/busybox', 'latest');
    if (fetched.kind !== 'manifest') throw new Error('the busybox fixture is not a single image');
    return fetched.json.layers[0]!.digest;
  }

  test('in the middle of a stalled layer download stops within a second, with the signal\'s reason, and leaves nothing', async () => {
    const layer = await busyboxLayer();
    const stalled = proxy.stallAfter(layer, stallAt);
    const controller = new AbortController();
    const pull = pullImage(store, `${proxy.host}/library/busybox:latest`, { signal: controller.signal });
    const outcome = pull.then(() => undefined, (error: unknown) => error);
    await stalled;
    // Every byte the registry sent is on disk: the download now waits on a silent connection.
    const partial = join(root, 'ingest', layer.replace(':', '-'));
    await expect.poll(() => existsSync(partial) && statSync(partial).size).toBe(stallAt);

    const abortedAt = performance.now();
    controller.abort(new ClientWent('the client went away'));
    const error = await outcome;
    const tookMs = performance.now() - abortedAt;

    expect(error).toBeInstanceOf(ClientWent);
    expect(tookMs).toBeLessThan(1000);
    expect(leftovers(root)).toEqual({ leases: [], ingest: [], layerTemp: [], layers: [] });
    expect(await store.images()).toEqual([]);
    expect(await store.has(layer)).toBe(false);
  });

  test('while sharing a download with another pull stops at once, and the other pull still gets the whole image', async () => {
    const layer = await busyboxLayer();
    const held = proxy.hold(layer);
    const [one, two] = [waitForPending(layer), waitForPending(layer)];
    const controller = new AbortController();
    const name = `${proxy.host}/library/busybox:latest`;
    const aborted = pullImage(store, name, { signal: controller.signal, onProgress: one.onProgress }).then(() => undefined, (error: unknown) => error);
    const kept = pullImage(store, name, { onProgress: two.onProgress });
    await Promise.all([held.arrived, one.needed, two.needed]);

    controller.abort(new ClientWent('one client went away'));
    expect(await aborted).toBeInstanceOf(ClientWent);
    held.release();
    const pulled = await kept;

    expect(proxy.fetches(layer)).toBe(1);
    expect(await store.resolve(name)).toEqual({ manifestDigest: pulled.manifestDigest, configDigest: pulled.configDigest });
    expect(existsSync(join(store.diffPath(pulled.chainIds[0]!), 'bin/busybox'))).toBe(true);
    expect(leftovers(root)).toMatchObject({ leases: [], ingest: [], layerTemp: [] });
  });
});
