import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { tempStore } from './store-fixtures.js';

async function storedImage(store: ContentStore, name: string): Promise<{ manifestDigest: string; configDigest: string }> {
  const configDigest = await store.writeJson({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, name });
  const manifestDigest = await store.writeJson({ schemaVersion: 2, config: { digest: configDigest }, layers: [] });
  return { manifestDigest, configDigest };
}

describe('ContentStore image records', () => {
  it('tags, resolves, lists and untags, and a new store on the same root sees the same records', async () => {
    const { store, root } = tempStore();
    const busybox = await storedImage(store, 'busybox');
    const debian = await storedImage(store, 'debian');
    await store.tag('docker.io/library/debian:bookworm-slim', debian.manifestDigest, debian.configDigest);
    await store.tag('docker.io/library/busybox:latest', busybox.manifestDigest, busybox.configDigest);
    await store.tag('localhost:5000/busybox:1', busybox.manifestDigest, busybox.configDigest);

    expect(await store.resolve('docker.io/library/busybox:latest')).toEqual(busybox);
    expect(await store.resolve('docker.io/library/alpine:latest')).toBeUndefined();

    const reopened = new ContentStore(root);
    expect(await reopened.images()).toEqual([
      { reference: 'docker.io/library/busybox:latest', ...busybox },
      { reference: 'docker.io/library/debian:bookworm-slim', ...debian },
      { reference: 'localhost:5000/busybox:1', ...busybox },
    ]);

    expect(await reopened.untag('localhost:5000/busybox:1')).toBe(true);
    expect(await reopened.untag('localhost:5000/busybox:1')).toBe(false);
    expect((await new ContentStore(root).images()).map((image) => image.reference)).toEqual([
      'docker.io/library/busybox:latest',
      'docker.io/library/debian:bookworm-slim',
    ]);
  });

  it('moves a tag to the image it is given last', async () => {
    const { store } = tempStore();
    const first = await storedImage(store, 'first');
    const second = await storedImage(store, 'second');
    await store.tag('app:latest', first.manifestDigest, first.configDigest);
    await store.tag('app:latest', second.manifestDigest, second.configDigest);
    expect(await store.resolve('app:latest')).toEqual(second);
  });

  it('loses no record when many tags are written at once', async () => {
    const { store, root } = tempStore();
    const image = await storedImage(store, 'many');
    const references = Array.from({ length: 20 }, (_, index) => `app:${index}`);
    await Promise.all(references.map((reference) => store.tag(reference, image.manifestDigest, image.configDigest)));
    expect((await new ContentStore(root).images()).map((record) => record.reference).sort()).toEqual([...references].sort());
  });

  it('refuses to tag an image whose manifest or config is not stored', async () => {
    const { store } = tempStore();
    const image = await storedImage(store, 'present');
    const absent = 'sha256:' + '0'.repeat(64);
    await expect(store.tag('app:latest', absent, image.configDigest)).rejects.toMatchObject({ code: 'IMAGE_CONTENT_MISSING' });
    await expect(store.tag('app:latest', image.manifestDigest, absent)).rejects.toMatchObject({ code: 'IMAGE_CONTENT_MISSING' });
    expect(await store.images()).toEqual([]);
  });

  it('writes the records as sorted JSON, and says where a damaged file is', async () => {
    const { store, root } = tempStore();
    const image = await storedImage(store, 'sorted');
    await store.tag('b:1', image.manifestDigest, image.configDigest);
    await store.tag('a:1', image.manifestDigest, image.configDigest);
    const path = join(root, 'refs/images.json');
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).images)).toEqual(['a:1', 'b:1']);
    writeFileSync(path, '{"schemaVersion": 1, "images": {"a:1": {"manifestDigest": "nope"}}}');
    const error = await store.images().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'IMAGE_RECORDS_CORRUPT' });
    expect((error as Error).message).toContain(path);
  });
});
