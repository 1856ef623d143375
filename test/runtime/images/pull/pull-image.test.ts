import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage, type PullProgress } from '../../../../src/runtime/images/pull/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';

describe('pulling an image into the store', () => {
  const registry = useRegistry();
  let root: string;
  let store: ContentStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-pull-'));
    store = new ContentStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('unpacks each layer once by ChainID, converts whiteouts, and tags the image only when whole', async () => {
    await pushFixture(registry(), 'layered', 'app/layered:1');
    const pulled = await pullImage(store, `${registry().host}/app/layered:1`);

    expect(pulled.reference).toBe(`${registry().host}/app/layered:1`);
    expect(await store.resolve(pulled.reference)).toEqual({ manifestDigest: pulled.manifestDigest, configDigest: pulled.configDigest });
    expect(pulled.chainIds).toHaveLength(3);
    const [, second, top] = pulled.chainIds.map((chainId) => store.diffPath(chainId));
    expect(readFileSync(join(second!, 'etc/berth/greeting.txt'), 'utf8')).not.toBe('');
    // The top layer deletes a file (a 0:0 character device) and makes /opt/app opaque.
    const removed = lstatSync(join(top!, 'etc/berth/removed.txt'));
    expect(removed.isCharacterDevice() && removed.rdev === 0).toBe(true);
    expect(existsSync(join(top!, 'etc/berth/.wh.removed.txt'))).toBe(false);
    expect(execFileSync('getfattr', ['--only-values', '-n', 'trusted.overlay.opaque', join(top!, 'opt/app')], { encoding: 'utf8' })).toBe('y');
  });

  test('a second pull finds every layer present and downloads nothing', async () => {
    await pushFixture(registry(), 'busybox', 'library/busybox:latest');
    await pullImage(store, `${registry().host}/library/busybox`);
    const events: PullProgress[] = [];
    await pullImage(store, `${registry().host}/library/busybox`, { onProgress: (event) => events.push(event) });
    const layerEvents = events.filter((event) => event.kind === 'layer');
    expect(layerEvents.length).toBeGreaterThan(0);
    expect(layerEvents.every((event) => event.kind === 'layer' && event.status === 'exists')).toBe(true);
  });

  test('picks the asked platform from a two-platform index', async () => {
    await pushFixture(registry(), 'multi-platform', 'app/multi:1');
    const arm = await pullImage(store, `${registry().host}/app/multi:1`, { platform: 'linux/arm64' });
    const amd = await pullImage(store, `${registry().host}/app/multi:1`, { platform: 'linux/amd64' });
    expect(arm.manifestDigest).not.toBe(amd.manifestDigest);
    expect((await store.readJson<{ architecture: string }>(arm.configDigest)).architecture).toBe('arm64');
    expect((await store.readJson<{ architecture: string }>(amd.configDigest)).architecture).toBe('amd64');
  });

  test('a zstd layer unpacks like a gzip one', async () => {
    await pushFixture(registry(), 'busybox-zstd', 'app/zstd:1');
    const pulled = await pullImage(store, `${registry().host}/app/zstd:1`);
    expect(existsSync(join(store.diffPath(pulled.chainIds[0]!), 'bin/busybox'))).toBe(true);
  });

  test('an image the registry does not have fails naming it', async () => {
    await expect(pullImage(store, `${registry().host}/app/absent:1`)).rejects.toThrow(/app\/absent/);
    expect(await store.images()).toEqual([]);
  });
});
