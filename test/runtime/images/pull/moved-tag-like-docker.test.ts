import { expect, test } from 'vitest';
import { listImages, reachableContent, removeImage } from '../../../../src/runtime/images/operations/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { engineRequest } from '../../../harness/engine-http.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { dockerJson, dockerPull, useStore } from '../operations/image-peers.js';

const engine = useDockerEngine();
const registry = useRegistry();
const stores = useStore();

interface Listed {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
}

/** What a listing says about names, by id; API 1.41's `null` for no names read as none. */
function names(images: Listed[]): Listed[] {
  return images.map(({ Id, RepoTags, RepoDigests }) => ({ Id, RepoTags: RepoTags ?? [], RepoDigests: RepoDigests ?? [] })).sort((a, b) => (a.Id < b.Id ? -1 : 1));
}

test('a pull that moves a tag to a new image keeps the old one without a tag, under its digest, as Docker does', async () => {
  const { reference } = await pushFixture(registry(), 'busybox-uncompressed', 'library/moving:1');
  const { store } = stores();
  const old = await pullImage(store, reference);
  await dockerPull(engine(), reference);
  await pushFixture(registry(), 'layered', 'library/moving:1');
  const current = await pullImage(store, reference);
  await dockerPull(engine(), reference);

  const docker = await dockerJson<Listed[]>(engine(), '/v1.41/images/json');
  const dangling = await dockerJson<Listed[]>(engine(), `/v1.41/images/json?filters=${encodeURIComponent('{"dangling":["true"]}')}`);
  expect(dangling.map((image) => image.Id)).toEqual([old.configDigest]);
  expect(names(await listImages(store))).toEqual(names(docker));
  expect(names(docker)).toContainEqual({ Id: old.configDigest, RepoTags: [], RepoDigests: [`${registry().host}/library/moving@${old.manifestDigest}`] });

  // Garbage collection leaves it whole; it goes when removed by id, in Docker's words.
  expect(await store.collectGarbage(() => reachableContent(store))).toMatchObject({ blobs: [], layers: [] });
  const removedByDocker = await engineRequest(engine().endpoint, { method: 'DELETE', path: `/images/${old.configDigest}` });
  expect(await removeImage(store, old.configDigest)).toEqual(JSON.parse(removedByDocker.body));
  expect((await listImages(store)).map((image) => image.Id)).toEqual([current.configDigest]);
});
