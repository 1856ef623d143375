import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isMountPoint, mountRootfs, removeRootfs, rootfsPaths } from '../../../../src/runtime/containers/rootfs/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';

describe("a container's root filesystem on overlayfs", () => {
  const registry = useRegistry();
  const root = mkdtempSync(join(tmpdir(), 'berth-rootfs-'));
  let store: ContentStore;
  let layers: string[];
  const containers: string[] = [];

  beforeAll(async () => {
    store = new ContentStore(join(root, 'images'));
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:1');
    const pulled = await pullImage(store, reference);
    layers = pulled.chainIds.map((chainId) => store.diffPath(chainId));
  });
  afterAll(async () => {
    for (const container of containers) await removeRootfs(container);
    rmSync(root, { recursive: true, force: true });
  });

  function containerDirectory(): string {
    const directory = mkdtempSync(join(root, 'container-'));
    containers.push(directory);
    return directory;
  }

  test("shows the image's layers merged as Docker's engine shows them: whiteouts delete, the opaque directory hides, the top layer wins", async () => {
    const merged = await mountRootfs(containerDirectory(), layers);

    expect(readdirSync(join(merged, 'etc/berth')).sort()).toEqual(['greeting.txt', 'replaced.txt']);
    expect(readFileSync(join(merged, 'etc/berth/replaced.txt'), 'utf8')).toBe('layer 3\n');
    expect(readdirSync(join(merged, 'opt/app'))).toEqual(['new.txt']);
    expect(existsSync(join(merged, 'usr/bin/wget'))).toBe(false);
    expect(readFileSync(join(merged, 'usr/local/bin/hello'), 'utf8')).toContain('cat /etc/berth/greeting.txt');
    // Nothing of the markers themselves shows through.
    expect(readdirSync(join(merged, 'etc/berth')).some((name) => name.startsWith('.wh.'))).toBe(false);
  });

  test("keeps the container's changes in its own layer and never touches the image's", async () => {
    const directory = containerDirectory();
    const merged = await mountRootfs(directory, layers);

    writeFileSync(join(merged, 'etc/berth/greeting.txt'), 'changed by the container\n');
    rmSync(join(merged, 'etc/berth/replaced.txt'));

    const { diff } = rootfsPaths(directory);
    expect(readFileSync(join(diff, 'etc/berth/greeting.txt'), 'utf8')).toBe('changed by the container\n');
    expect(lstatSync(join(diff, 'etc/berth/replaced.txt')).isCharacterDevice()).toBe(true);
    expect(readFileSync(join(layers[1]!, 'etc/berth/greeting.txt'), 'utf8')).toBe('hello from layer 2\n');
    expect(readFileSync(join(layers[2]!, 'etc/berth/replaced.txt'), 'utf8')).toBe('layer 3\n');
  });

  test('mounting again returns the same root, and removal leaves no mount and no files', async () => {
    const directory = containerDirectory();
    const merged = await mountRootfs(directory, layers);
    writeFileSync(join(merged, 'kept.txt'), 'still here\n');

    const again = await mountRootfs(directory, layers);
    expect(again).toBe(merged);
    expect(readFileSync(join(again, 'kept.txt'), 'utf8')).toBe('still here\n');

    await removeRootfs(directory);
    await removeRootfs(directory);
    expect(await isMountPoint(merged)).toBe(false);
    expect(readdirSync(directory)).toEqual([]);
  });

  test('an image without layers gets an empty root the container can write to', async () => {
    const merged = await mountRootfs(containerDirectory(), []);

    writeFileSync(join(merged, 'only.txt'), 'x');
    expect(readdirSync(merged)).toEqual(['only.txt']);
  });
});
