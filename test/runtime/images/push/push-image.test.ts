import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { pushImage, type PushProgress } from '../../../../src/runtime/images/push/index.js';
import { dockerConfigCredentials, fixedCredentials, RegistryClient, writeDockerConfigAuth, type RegistryOptions } from '../../../../src/runtime/images/registry/index.js';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';

describe('pushing an image from the store', () => {
  const source = useRegistry();
  const target = useRegistry({ auth: { user: 'pusher', password: 'push-secret' } });
  let root: string;
  let store: ContentStore;
  let options: { registry: RegistryOptions };
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-push-'));
    store = new ContentStore(join(root, 'store'));
    // The credentials come as a user's `berth login` leaves them: in $DOCKER_CONFIG/config.json.
    const env = { DOCKER_CONFIG: join(root, 'docker') };
    await writeDockerConfigAuth(target().host, { username: 'pusher', password: 'push-secret' }, env);
    options = { registry: { credentials: dockerConfigCredentials(env) } };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Pulls a fixture from the source registry and tags it for the target one, as `docker tag` would. */
  async function pulledAndTagged(fixture: 'layered' | 'busybox', repository: string, format?: 'docker'): Promise<{ reference: string; manifestDigest: string }> {
    await pushFixture(source(), fixture, `${repository}:1`, format ? { format } : {});
    const pulled = await pullImage(store, `${source().host}/${repository}:1`);
    const reference = `${target().host}/pushed/${repository}:2`;
    await store.tag(reference, pulled.manifestDigest, pulled.configDigest);
    return { reference, manifestDigest: pulled.manifestDigest };
  }

  function targetClient(): RegistryClient {
    return new RegistryClient(target().host, { credentials: fixedCredentials({ username: 'pusher', password: 'push-secret' }) });
  }

  test('pushes a pulled image to another registry with the same manifest bytes and digest', async () => {
    const image = await pulledAndTagged('layered', 'app/layered');
    const events: PushProgress[] = [];
    const pushed = await pushImage(store, image.reference, { ...options, onProgress: (event) => events.push(event) });

    expect(pushed).toEqual({ reference: image.reference, manifestDigest: image.manifestDigest });
    const fetched = await targetClient().getManifest('pushed/app/layered', '2');
    expect(fetched.digest).toBe(image.manifestDigest);
    const layers = fetched.kind === 'manifest' ? fetched.json.layers : [];
    expect(layers).toHaveLength(3);
    for (const layer of layers) expect(await targetClient().blobExists('pushed/app/layered', layer.digest)).toBe(true);
    const finals = events.filter((event) => event.kind === 'layer' && event.status !== 'pushing');
    expect(finals.map((event) => event.kind === 'layer' && event.status)).toEqual(['pushed', 'pushed', 'pushed']);
    const bytesSent = events.filter((event) => event.kind === 'layer' && event.status === 'pushing');
    expect(bytesSent.length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ kind: 'done', reference: image.reference, digest: image.manifestDigest });
  });

  test('a second push finds every blob in the registry and uploads nothing', async () => {
    const image = await pulledAndTagged('layered', 'app/again');
    await pushImage(store, image.reference, options);
    const events: PushProgress[] = [];
    await pushImage(store, image.reference, { ...options, onProgress: (event) => events.push(event) });
    const layerEvents = events.filter((event) => event.kind === 'layer');
    expect(layerEvents.map((event) => event.kind === 'layer' && event.status)).toEqual(['exists', 'exists', 'exists']);
    // The registry's access log: both manifest PUTs, but uploads (POST) only for the first push's four blobs.
    const requests = await accessLog(target().logPath, 'pushed/app/again', (lines) => lines.filter((line) => line.startsWith('PUT /v2/pushed/app/again/manifests/')).length === 2);
    expect(requests.filter((line) => line.startsWith('POST ')).length).toBe(4);
    expect(requests.filter((line) => line.startsWith('HEAD ') && line.includes('/blobs/'))).toHaveLength(8);
  });

  test('a Docker schema 2 manifest keeps its media type and digest', async () => {
    const image = await pulledAndTagged('busybox', 'app/schema2', 'docker');
    await pushImage(store, image.reference, options);
    const fetched = await targetClient().getManifest('pushed/app/schema2', '2');
    expect(fetched.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(fetched.digest).toBe(image.manifestDigest);
  });

  test('a push without credentials fails with the registry\'s refusal', async () => {
    const image = await pulledAndTagged('busybox', 'app/anonymous');
    await expect(pushImage(store, image.reference)).rejects.toMatchObject({ code: 'REGISTRY_UNAUTHORIZED' });
  });

  test('an image the store lacks fails naming it, before any request', async () => {
    await expect(pushImage(store, '127.0.0.1:1/app/absent:1')).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND', message: expect.stringContaining('127.0.0.1:1/app/absent:1') });
  });

  test('a layer blob missing from the store fails naming the blob, before any request', async () => {
    const image = await pulledAndTagged('busybox', 'app/missing');
    const manifest = await store.readJson<{ layers: Array<{ digest: string }> }>(image.manifestDigest);
    const layer = manifest.layers[0]!.digest;
    rmSync(store.path(layer));
    // The unreachable registry shows that nothing was sent: the store is checked first.
    const elsewhere = image.reference.replace(target().host, '127.0.0.1:1');
    await store.tag(elsewhere, image.manifestDigest, (await store.resolve(image.reference))!.configDigest);
    await expect(pushImage(store, elsewhere, options)).rejects.toMatchObject({ code: 'IMAGE_BLOB_MISSING', message: expect.stringContaining(layer) });
  });

  test('a push aborted in the middle of an upload rejects with the signal\'s reason, and the registry has no manifest for the tag', async () => {
    const image = await pulledAndTagged('layered', 'app/aborted');
    const controller = new AbortController();
    const reason = new Error('the client went away');
    const stopAtFirstBytes = (event: PushProgress): void => {
      if (event.kind === 'layer' && event.status === 'pushing' && !controller.signal.aborted) controller.abort(reason);
    };

    const outcome = await pushImage(store, image.reference, { ...options, signal: controller.signal, onProgress: stopAtFirstBytes }).catch((error: unknown) => error);

    expect(outcome).toBe(reason);
    expect(controller.signal.aborted).toBe(true);
    expect(await targetClient().headManifest('pushed/app/aborted', '2')).toBeUndefined();
    expect(readdirSync(join(root, 'store', 'leases'))).toEqual([]);
  });

  test('a push aborted once its layers are up uploads neither the config nor the manifest', async () => {
    const image = await pulledAndTagged('layered', 'app/between');
    const config = (await store.resolve(image.reference))!.configDigest;
    const controller = new AbortController();
    let finished = 0;
    const stopAfterLayers = (event: PushProgress): void => {
      if (event.kind === 'layer' && event.status !== 'pushing' && ++finished === 3) controller.abort(new Error('the client went away'));
    };

    await expect(pushImage(store, image.reference, { ...options, signal: controller.signal, onProgress: stopAfterLayers })).rejects.toThrow('the client went away');

    expect(finished).toBe(3);
    expect(await targetClient().blobExists('pushed/app/between', config)).toBe(false);
    expect(await targetClient().headManifest('pushed/app/between', '2')).toBeUndefined();
  });

  test('a digest reference is refused, as docker push refuses it', async () => {
    await expect(pushImage(store, `127.0.0.1:1/app/x@sha256:${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'PUSH_DIGEST_REFERENCE', kind: 'usage' });
  });
});

/**
 * The registry's access-log requests for `repository` (`METHOD URI`), once `complete` holds: the
 * registry writes a line after it answered, so the last one may trail the client's return.
 */
async function accessLog(logPath: string, repository: string, complete: (requests: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const requests = [...readFileSync(logPath, 'utf8').matchAll(/"([A-Z]+ \/v2\/[^ ]+) HTTP\/1\.1"/g)]
      .map((match) => match[1]!)
      .filter((request) => request.includes(`/v2/${repository}/`));
    if (complete(requests) || Date.now() > deadline) return requests;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
