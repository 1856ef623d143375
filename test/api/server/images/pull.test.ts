import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { loadImages, pushImage, reachableContent, removeImage } from '../../../../src/runtime/images/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { registryProxy } from '../../../harness/registry-proxy.js';
import { useRegistry, type TestRegistry } from '../../../harness/registry.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { json, messages, open, query, registryAuth, send } from './raw-api.js';
import { dockerArchive } from './tiny-images.js';

describeAsRoot('POST /images/create pulls an image as dockerd does', () => {
  const api = useApiServer();
  const secured = useRegistry({ auth: { user: 'berth', password: 'pull-secret' } });
  const pull = (image: string, tag: string, headers?: Record<string, string>) =>
    send(api.socketPath(), 'POST', `/v1.41/images/create?${query({ fromImage: image, tag })}`, headers ? { headers } : {});

  test('a pull streams dockerd\'s progress messages, then the image is inspectable by its name', async () => {
    const registry = api.engine.registry();
    const pushed = await pushFixture(registry, 'layered', 'library/pulled:1');

    const answer = await pull(`${registry.host}/library/pulled`, '1');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const lines = messages(answer);
    expect(lines[0]).toEqual({ status: 'Pulling from library/pulled', id: '1' });
    const statuses = lines.map((line) => line.status);
    expect(statuses.filter((status) => status === 'Pulling fs layer' || status === 'Already exists')).toHaveLength(3);
    expect(statuses).toContain('Pull complete');
    expect(lines.slice(-2)).toEqual([{ status: `Digest: ${pushed.digest}` }, { status: `Status: Downloaded newer image for ${registry.host}/library/pulled:1` }]);

    const inspected = await send(api.socketPath(), 'GET', `/images/${registry.host}/library/pulled:1/json`);
    expect(inspected.status).toBe(200);
    expect(json(inspected)).toMatchObject({ RepoTags: [`${registry.host}/library/pulled:1`], RootFS: { Type: 'layers' } });
    expect(json<{ RootFS: { Layers: string[] } }>(inspected).RootFS.Layers).toHaveLength(3);
    expect(api.parts().events.recent().filter((event) => event.Action === 'pull')).toEqual([
      expect.objectContaining({ Type: 'image', Actor: { ID: `${registry.host}/library/pulled:1`, Attributes: { name: `${registry.host}/library/pulled` } } }),
    ]);
  });

  test('pulling again says the image is up to date, without layer lines', async () => {
    const registry = api.engine.registry();
    await pushFixture(registry, 'busybox', 'library/again:1');
    expect((await pull(`${registry.host}/library/again`, '1')).status).toBe(200);

    const lines = messages(await pull(`${registry.host}/library/again`, '1'));

    expect(lines.map((line) => line.status)).toEqual(['Pulling from library/again', expect.stringMatching(/^Digest: sha256:/), `Status: Image is up to date for ${registry.host}/library/again:1`]);
  });

  test('a tag the registry does not have is a 404 in dockerd\'s words, before any stream', async () => {
    const registry = api.engine.registry();

    const answer = await pull(`${registry.host}/library/nothing-here`, 'nope');

    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(json(answer)).toEqual({ message: `manifest for ${registry.host}/library/nothing-here:nope not found: manifest unknown: manifest unknown` });
  });

  test('credentials come from X-Registry-Auth; without them a private repository is dockerd\'s "pull access denied"', async () => {
    const registry = secured();
    await pushFixture(registry, 'busybox', 'team/private:1');

    const anonymous = await pull(`${registry.host}/team/private`, '1');
    expect(anonymous.status).toBe(404);
    expect(json<{ message: string }>(anonymous).message).toMatch(
      new RegExp(`^pull access denied for ${escaped(registry.host)}/team/private, repository does not exist or may require 'docker login': unauthorized: `),
    );

    const authorized = await pull(`${registry.host}/team/private`, '1', registryAuth({ username: 'berth', password: 'pull-secret', serveraddress: registry.host }));
    expect(authorized.status).toBe(200);
    expect(messages(authorized).at(-1)).toEqual({ status: `Status: Downloaded newer image for ${registry.host}/team/private:1` });
  });

  /** An image whose layer no other test stores, in the test registry only: pushed from the store, then removed from it. */
  async function registryOnlyImage(repository: string): Promise<string> {
    const registry = api.engine.registry();
    const store = api.engine.images();
    const name = `${registry.host}/${repository}:1`;
    await loadImages(store, Readable.from([dockerArchive({ tags: [name] }).archive]));
    await pushImage(store, name);
    await removeImage(store, name);
    const [topLayer] = await manifestLayers(registry, repository, '1');
    return topLayer!;
  }

  test('a client that goes away mid-pull aborts it: no image, no lease, nothing kept from collection', async () => {
    const registry = api.engine.registry();
    const store = api.engine.images();
    const topLayer = await registryOnlyImage('library/abandoned');
    const proxy = await registryProxy(registry.host);
    try {
      const held = proxy.hold(topLayer);
      const call = open(api.socketPath(), 'POST', `/images/create?${query({ fromImage: `${proxy.host}/library/abandoned`, tag: '1' })}`);
      const response = await call.response;
      const first = await new Promise<string>((resolve) => response.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      expect(first).toMatch(/^\{"status":"Pulling from library\/abandoned","id":"1"\}\r\n/);
      await held.arrived;

      call.request.destroy();
      held.release();

      const leases = join(api.engine.root, 'images', 'leases');
      await eventually(() => readdirSync(leases).length === 0, 'the pull to let go of its lease');
      expect((await store.images()).map((record) => record.reference)).not.toContainEqual(expect.stringContaining('abandoned'));
      expect(readdirSync(join(api.engine.root, 'images', 'layers', 'tmp'))).toEqual([]);
      await store.collectGarbage(() => reachableContent(store));
      expect(await store.has(topLayer)).toBe(false);
      expect(api.logged).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test('a client that goes away while a layer download is stalled stops it within a second: no lease, no partial download, no layer', async () => {
    const registry = api.engine.registry();
    const store = api.engine.images();
    const topLayer = await registryOnlyImage('library/stalled');
    const images = join(api.engine.root, 'images');
    const proxy = await registryProxy(registry.host);
    try {
      const stalled = proxy.stallAfter(topLayer, 2048);
      const call = open(api.socketPath(), 'POST', `/images/create?${query({ fromImage: `${proxy.host}/library/stalled`, tag: '1' })}`);
      await call.response;
      await stalled;
      // Every byte the registry sent is on disk: the download now waits on a silent connection.
      const partial = join(images, 'ingest', topLayer.replace(':', '-'));
      await eventually(() => existsSync(partial) && statSync(partial).size === 2048, 'the stalled download\'s bytes to be in the store');

      const goneAt = performance.now();
      call.request.destroy();
      await eventually(() => readdirSync(join(images, 'leases')).length === 0 && readdirSync(join(images, 'ingest')).length === 0, 'the pull to stop and let go', 2000);
      const stoppedAfterMs = performance.now() - goneAt;

      expect(stoppedAfterMs).toBeLessThan(1000);
      expect(readdirSync(join(images, 'layers', 'tmp'))).toEqual([]);
      expect((await store.images()).map((record) => record.reference)).not.toContainEqual(expect.stringContaining('stalled'));
      expect(await store.has(topLayer)).toBe(false);
      expect(api.logged).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

/** The layer digests of the host platform's manifest for the tag, bottom first. */
async function manifestLayers(registry: TestRegistry, repository: string, tag: string): Promise<string[]> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';
  const fetchJson = async (reference: string) => (await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, { headers: { accept } })).json() as Promise<{ manifests?: Array<{ digest: string }>; layers?: Array<{ digest: string }> }>;
  let manifest = await fetchJson(tag);
  if (manifest.manifests) manifest = await fetchJson(manifest.manifests[0]!.digest);
  return (manifest.layers ?? []).map((layer) => layer.digest);
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
