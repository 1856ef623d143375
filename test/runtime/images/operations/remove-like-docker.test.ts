import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { inspectImage, listImages, reachableContent, removeImage, tagImage } from '../../../../src/runtime/images/operations/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { engineRequest } from '../../../harness/engine-http.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { call } from '../../../harness/raw-calls.js';
import { useRegistry } from '../../../harness/registry.js';
import { dockerCall, dockerJson, dockerPull, storeContents, useStore } from './image-peers.js';

const engine = useDockerEngine();
const registry = useRegistry();
const stores = useStore();

async function pullBoth(fixture: 'layered' | 'busybox', repositoryAndTag: string): Promise<string> {
  const { reference } = await pushFixture(registry(), fixture, repositoryAndTag);
  await pullImage(stores().store, reference);
  await dockerPull(engine(), reference);
  return reference;
}

async function tagBoth(source: string, repository: string, tag: string): Promise<void> {
  await tagImage(stores().store, source, `${repository}:${tag}`);
  await dockerCall(engine(), 'POST', `/images/${source}/tag?repo=${encodeURIComponent(repository)}&tag=${tag}`);
}

async function dockerRemove(name: string, force = false): Promise<{ status: number; body: unknown }> {
  const answer = await engineRequest(engine().endpoint, { method: 'DELETE', path: `/images/${name}${force ? '?force=1' : ''}` });
  return { status: answer.status, body: JSON.parse(answer.body) as unknown };
}

/**
 * Fixtures with the same contents are one image to Docker, which the earlier tests of this file
 * named several times; this leaves Docker's copy with `reference` (and its digest) as its only name.
 */
async function dockerKeepOnlyName(reference: string): Promise<void> {
  const { RepoTags, RepoDigests } = await dockerJson<{ RepoTags: string[]; RepoDigests: string[] }>(engine(), `/images/${reference}/json`);
  const repository = reference.slice(0, reference.lastIndexOf(':'));
  for (const name of [...RepoTags.filter((tag) => tag !== reference), ...RepoDigests.filter((digest) => !digest.startsWith(`${repository}@`))]) {
    await dockerCall(engine(), 'DELETE', `/images/${name}`);
  }
}

describe('tag and remove, beside Docker', () => {
  test('a tag adds a name; removing one of two names only untags, as in Docker', async () => {
    const reference = await pullBoth('busybox', 'library/busybox:tags');
    await tagBoth(reference, 'app/one', '1');

    expect((await inspectImage(stores().store, 'app/one:1')).RepoTags).toEqual([`${registry().host}/library/busybox:tags`, 'app/one:1']);
    const docker = await dockerRemove('app/one:1');
    const ours = await removeImage(stores().store, 'app/one:1');

    expect(docker).toEqual({ status: 200, body: [{ Untagged: 'app/one:1' }] });
    expect(ours).toEqual(docker.body);
    expect((await inspectImage(stores().store, reference)).RepoTags).toEqual([reference]);
  });

  test('removing by id an image named in two repositories needs force, in the same words as Docker', async () => {
    const reference = await pullBoth('layered', 'library/layered:ids');
    await tagBoth(reference, 'app/two', '1');
    const { Id: id } = await inspectImage(stores().store, reference);

    const docker = await dockerRemove(id);
    const error = await removeImage(stores().store, id).catch((caught: unknown) => caught);

    expect(docker.status).toBe(409);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toBe((docker.body as { message: string }).message);
  });

  test('a forced removal by id drops every name, then the image and its layers, as Docker lists them', async () => {
    const reference = await pullBoth('layered', 'library/layered:force');
    await tagBoth(reference, 'app/three', '1');
    const { Id: id } = await inspectImage(stores().store, reference);
    // Docker's copy has names from the other tests of this file; berth's store is fresh, so only its own names are compared.
    const docker = (await dockerRemove(id, true)).body as Array<{ Untagged?: string; Deleted?: string }>;

    const ours = await removeImage(stores().store, id, { force: true });

    expect(ours.filter((item) => item.Untagged)).toEqual([{ Untagged: reference }, { Untagged: 'app/three:1' }]);
    // The image, then its layers top first. Docker keeps the bottom (busybox) layer, which its busybox image still uses.
    const deleted = ours.filter((item) => item.Deleted);
    expect(deleted).toHaveLength(4);
    expect(docker.filter((item) => item.Deleted)).toEqual(deleted.slice(0, 3));
    expect(storeContents(stores().root)).toEqual({ blobs: [], layers: [] });
  });

  test('an image a container uses keeps its only name unless forced, in the words Docker uses', async () => {
    const reference = await pullBoth('busybox', 'library/busybox:used');
    await dockerKeepOnlyName(reference);
    const { Id: container } = JSON.parse(await call(engine(), 'POST', '/containers/create', { Image: reference, Cmd: ['true'] })) as { Id: string };
    const { Id: id } = await inspectImage(stores().store, reference);
    const inUse = (imageId: string) => (imageId === id ? { container: container.slice(0, 12), running: false } : undefined);

    const docker = await dockerRemove(reference);
    const error = await removeImage(stores().store, reference, { inUse }).catch((caught: unknown) => caught);

    expect(docker.status).toBe(409);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('IMAGE_IN_USE');
    expect((error as BerthError).message).toBe((docker.body as { message: string }).message);
    expect((await inspectImage(stores().store, reference)).RepoTags).toEqual([reference]);
  });

  test('a forced removal of an image in use drops its name but keeps it, and its content, under its id', async () => {
    const { reference } = await pushFixture(registry(), 'busybox', 'library/busybox:kept');
    await pullImage(stores().store, reference);
    const { Id: id } = await inspectImage(stores().store, reference);
    const before = storeContents(stores().root);

    const items = await removeImage(stores().store, reference, { force: true, inUse: () => ({ container: 'c0ffee', running: true }) });

    expect(items).toEqual([{ Untagged: reference }]);
    expect(await listImages(stores().store)).toMatchObject([{ Id: id, RepoTags: [], RepoDigests: [] }]);
    expect(storeContents(stores().root)).toEqual(before);
  });

  test('by id, an image a running container uses cannot be removed, even forced', async () => {
    const { reference } = await pushFixture(registry(), 'busybox', 'library/busybox:running');
    await pullImage(stores().store, reference);
    const { Id: id } = await inspectImage(stores().store, reference);

    const error = await removeImage(stores().store, id, { force: true, inUse: () => ({ container: 'c0ffee', running: true }) }).catch((caught: unknown) => caught);

    expect((error as BerthError).message).toBe(`conflict: unable to delete ${id.slice(7, 19)} (cannot be forced) - image is being used by running container c0ffee`);
  });
});

describe('garbage collection after a removal', () => {
  test('removing one of two images that share a layer leaves exactly what the other reaches', async () => {
    const { reference: busybox } = await pushFixture(registry(), 'busybox', 'library/busybox:shared');
    const { reference: layered } = await pushFixture(registry(), 'layered', 'library/layered:shared');
    const { store, root } = stores();
    const kept = await pullImage(store, busybox);
    const removed = await pullImage(store, layered);
    expect(removed.chainIds[0]).toBe(kept.chainIds[0]);

    const items = await removeImage(store, layered);

    expect(items).toEqual([{ Untagged: layered }, { Deleted: removed.configDigest }, ...removed.chainIds.slice(1).reverse().map((chainId) => ({ Deleted: chainId }))]);
    const reachable = await reachableContent(store);
    expect(storeContents(root)).toEqual({ blobs: [...reachable.blobs].sort(), layers: [...reachable.layers].sort() });
    expect(storeContents(root).layers).toEqual(kept.chainIds);
    expect((await inspectImage(store, busybox)).Id).toBe(kept.configDigest);
  });

  test('removing the last image leaves no blob and no layer', async () => {
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:last');
    await pullImage(stores().store, reference);

    await removeImage(stores().store, reference);

    expect(storeContents(stores().root)).toEqual({ blobs: [], layers: [] });
    expect(await listImages(stores().store)).toEqual([]);
  });

  test('a tag moved to another image leaves the first one under its id, as Docker leaves it dangling', async () => {
    const { reference: busybox } = await pushFixture(registry(), 'busybox', 'library/busybox:moved');
    const { reference: layered } = await pushFixture(registry(), 'layered', 'library/layered:moved');
    const { store } = stores();
    const first = await pullImage(store, busybox);
    await tagImage(store, busybox, 'app/moving:1');
    await removeImage(store, busybox);
    await pullImage(store, layered);

    await tagImage(store, layered, 'app/moving:1');

    expect((await listImages(store)).map((image) => ({ Id: image.Id, RepoTags: image.RepoTags })).sort((a, b) => (a.RepoTags?.length ?? 0) - (b.RepoTags?.length ?? 0))).toEqual([
      { Id: first.configDigest, RepoTags: [] },
      { Id: (await inspectImage(store, layered)).Id, RepoTags: [layered, 'app/moving:1'] },
    ]);
  });
});
