import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { RegistryClient } from '../../../../src/runtime/images/registry/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { registryProxy, type RegistryProxy } from '../../../harness/registry-proxy.js';

/** Where the busybox layer's download stops, well inside its ~1 MB. */
const stopAt = 300_000;

/** Pulls `reference` into `root` in its own process and kills it with SIGKILL once it has stored `bytes` of `layer`. */
async function pullKilledAt(root: string, reference: string, layer: string, bytes: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'killed-pull.fixture.ts'), root, reference], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let reached = false;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line !== `${layer} ${bytes}`) continue;
    reached = true;
    break;
  }
  child.kill('SIGKILL');
  await exited;
  if (!reached) throw new Error(`the pull exited before it had stored ${bytes} bytes of ${layer}`);
}

describe('a pull killed in the middle of a layer', () => {
  const registry = useRegistry();
  let root: string;
  let proxy: RegistryProxy;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-pull-killed-'));
    proxy = await registryProxy(registry().host);
  });
  afterEach(async () => {
    await proxy.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('leaves no tag and no layer, and the next pull continues from the bytes held to a whole, verified image', async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    const fetched = await new RegistryClient(registry().host).getManifest('library/busybox', 'latest');
    if (fetched.kind !== 'manifest') throw new Error('the busybox fixture is not a single image');
    const layer = fetched.json.layers[0]!;
    expect(layer.size).toBeGreaterThan(2 * stopAt);
    const reference = `${proxy.host}/library/busybox:latest`;

    const stalled = proxy.stallAfter(layer.digest, stopAt);
    await pullKilledAt(root, reference, layer.digest, stopAt);
    await stalled;

    const store = new ContentStore(root);
    expect(await store.images()).toEqual([]);
    expect(await store.has(layer.digest)).toBe(false);
    expect(readdirSync(join(root, 'layers/sha256'))).toEqual([]);
    expect(statSync(join(root, 'ingest', layer.digest.replace(':', '-'))).size).toBe(stopAt);

    const firstFigures: number[] = [];
    const pulled = await pullImage(store, reference, {
      onProgress: (event) => event.kind === 'layer' && event.digest === layer.digest && event.status === 'downloading' && firstFigures.length === 0 && firstFigures.push(event.current),
    });

    // The bytes the killed pull stored were kept: the download went on from there.
    expect(firstFigures).toEqual([stopAt]);
    expect(await store.resolve(reference)).toEqual({ manifestDigest: pulled.manifestDigest, configDigest: pulled.configDigest });
    expect(`sha256:${createHash('sha256').update(readFileSync(store.path(layer.digest))).digest('hex')}`).toBe(layer.digest);
    expect(readdirSync(join(root, 'layers/sha256'))).toEqual([pulled.chainIds[0]!.slice('sha256:'.length)]);
    expect(statSync(join(store.diffPath(pulled.chainIds[0]!), 'bin/busybox')).isFile()).toBe(true);
    expect(readdirSync(join(root, 'ingest')).filter((name) => name.startsWith('sha256-'))).toEqual([]);
  });
});
