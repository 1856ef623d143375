import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { findImage, imageHistory, listImages, tagImage } from '../../../../src/runtime/images/operations/index.js';
import type { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { useStore } from './image-peers.js';

const stores = useStore();

/** Stores a layerless image whose configuration carries `label`, named `reference`; returns its id. */
async function image(store: ContentStore, reference: string, label: string): Promise<string> {
  const id = await store.writeJson({ architecture: 'amd64', os: 'linux', config: { Labels: { label } }, rootfs: { type: 'layers', diff_ids: [] } });
  const manifest = await store.writeJson({ schemaVersion: 2, config: { digest: id }, layers: [] });
  await store.tag(reference, manifest, id);
  return id;
}

/** Two images whose ids start with the same hex digit. */
async function twoWithSharedFirstDigit(store: ContentStore): Promise<[string, string]> {
  const seen = new Map<string, string>();
  for (let label = 0; ; label++) {
    const id = await image(store, `docker.io/library/candidate:${label}`, String(label));
    const digit = id.slice('sha256:'.length, 'sha256:'.length + 1);
    const earlier = seen.get(digit);
    if (earlier) return [earlier, id];
    seen.set(digit, id);
  }
}

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}

describe('finding an image by what Docker accepts', () => {
  test('an id prefix two images share is ambiguous, and one more digit decides', async () => {
    const { store } = stores();
    const [first, second] = await twoWithSharedFirstDigit(store);
    const shared = first.slice(7, 8);
    let length = 1;
    while (first.slice(7, 7 + length) === second.slice(7, 7 + length)) length++;

    expect((await failure(findImage(store, shared))).code).toBe('IMAGE_ID_AMBIGUOUS');
    expect((await findImage(store, first.slice(7, 7 + length))).image.id).toBe(first);
    expect((await findImage(store, `sha256:${second.slice(7, 7 + length)}`)).image.id).toBe(second);
  });

  test('a name wins over an id prefix spelled the same, as in Docker', async () => {
    const { store } = stores();
    const byId = await image(store, 'docker.io/library/first:1', 'first');
    const prefix = byId.slice(7, 15);
    const named = await image(store, `docker.io/library/${prefix}:latest`, 'named');

    expect(await findImage(store, prefix)).toMatchObject({ by: 'reference', image: { id: named } });
    expect(await findImage(store, `${prefix}:1`).catch((error: unknown) => (error as BerthError).message)).toBe(`No such image: ${prefix}:1`);
    expect(await findImage(store, byId.slice(7, 16))).toMatchObject({ by: 'id', image: { id: byId } });
  });

  test('a full id that no image has is not found, and text that is no reference is refused as such', async () => {
    const { store } = stores();

    expect((await failure(findImage(store, `sha256:${'a'.repeat(64)}`))).message).toBe(`No such image: sha256:${'a'.repeat(64)}`);
    expect((await failure(findImage(store, 'Not/Valid'))).code).toBe('INVALID_REFERENCE');
  });
});

describe('tags and nameless images', () => {
  test('a tag can carry neither a digest nor the name sha256, in Docker\'s words', async () => {
    const { store } = stores();
    await image(store, 'docker.io/library/source:1', 'source');

    expect((await failure(tagImage(store, 'source:1', `target@sha256:${'b'.repeat(64)}`))).message).toBe(
      `tag "target@sha256:${'b'.repeat(64)}": refusing to create a tag with a digest reference`,
    );
    expect((await failure(tagImage(store, 'source:1', 'sha256:abc'))).message).toBe('tag "sha256:abc": refusing to create an ambiguous tag using digest algorithm as name');
  });

  test('tagging a nameless image names it; it no longer shows without tags', async () => {
    const { store } = stores();
    const id = await image(store, 'docker.io/library/x:1', 'x');
    const { manifestDigest } = (await store.resolve('docker.io/library/x:1'))!;
    await store.untag('docker.io/library/x:1');
    await store.tag(id, manifestDigest, id);

    await tagImage(store, id.slice(7, 19), 'named:now');

    expect(await store.images()).toEqual([expect.objectContaining({ reference: 'docker.io/library/named:now', configDigest: id })]);
    expect((await listImages(store)).map((summary) => summary.RepoTags)).toEqual([['named:now']]);
  });

  test('an image whose configuration has no history has an empty history', async () => {
    const { store } = stores();
    await image(store, 'docker.io/library/plain:1', 'plain');

    expect(await imageHistory(store, 'plain:1')).toEqual([]);
  });
});
