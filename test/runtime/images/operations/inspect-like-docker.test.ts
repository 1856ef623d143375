import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { imageHistory, inspectImage, listImages, tagImage } from '../../../../src/runtime/images/operations/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { engineRequest } from '../../../harness/engine-http.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { dockerCall, dockerJson, dockerPull, useStore } from './image-peers.js';

// Docker's engine pulls the same image from the same registry; what berth shows of it must match.
const engine = useDockerEngine();
const registry = useRegistry();
const stores = useStore();

interface DockerInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: string;
  Architecture: string;
  Os: string;
  Config: unknown;
  RootFS: { Type: string; Layers: string[] };
  Size: number;
}

const compared = ['Id', 'RepoTags', 'RepoDigests', 'Created', 'Architecture', 'Os', 'Config', 'RootFS', 'Size'] as const;

function pick(value: object): Record<string, unknown> {
  return Object.fromEntries(compared.map((key) => [key, (value as Record<string, unknown>)[key]]));
}

async function pullBoth(fixture: 'layered' | 'busybox', repositoryAndTag: string): Promise<string> {
  const { reference } = await pushFixture(registry(), fixture, repositoryAndTag);
  await pullImage(stores().store, reference);
  await dockerPull(engine(), reference);
  return reference;
}

describe('an image pulled by both engines', () => {
  test('inspects as Docker inspects it: id, tags, digests, times, platform, config, layers and size', async () => {
    const reference = await pullBoth('layered', 'library/layered:1');

    const ours = await inspectImage(stores().store, reference);
    const docker = await dockerJson<DockerInspect>(engine(), `/images/${reference}/json`);

    expect(pick(ours)).toEqual(pick(docker));
  });

  test('lists as Docker lists it', async () => {
    const reference = await pullBoth('layered', 'library/layered:2');
    const [ours] = await listImages(stores().store);
    const docker = (await dockerJson<Array<Record<string, unknown>>>(engine(), '/images/json')).find((image) => image.Id === ours?.Id);

    expect(ours?.RepoTags).toEqual([`${registry().host}/library/layered:2`]);
    expect(docker).toBeDefined();
    for (const key of ['Id', 'RepoDigests', 'Created', 'Size', 'Labels'] as const) expect(ours?.[key]).toEqual(docker?.[key]);
    expect(docker?.RepoTags).toContain(reference);
  });

  test('shows the history Docker shows: newest step first, each layer with its size', async () => {
    const reference = await pullBoth('layered', 'library/layered:3');

    const ours = await imageHistory(stores().store, reference);
    const docker = await dockerJson<Array<{ Tags: string[] | null }>>(engine(), `/images/${reference}/history`);

    // Docker's copy carries the tags earlier tests gave the same image; berth's store is fresh.
    const withoutTags = (items: Array<{ Tags: string[] | null }>): unknown[] => items.map(({ Tags: _tags, ...item }) => item);
    expect(ours).toHaveLength(3);
    expect(withoutTags(ours)).toEqual(withoutTags(docker));
    expect(ours.map((item) => item.Tags)).toEqual([[reference], null, null]);
    expect(docker[0]?.Tags).toContain(reference);
  });

  test('is found by every name Docker finds it by, and the same name finds the same image', async () => {
    const reference = await pullBoth('busybox', 'library/busybox:latest');
    await tagImage(stores().store, reference, 'busybox');
    await dockerCall(engine(), 'POST', `/images/${reference}/tag?repo=busybox&tag=latest`);
    const { Id: id, RepoDigests: [digestReference] } = await inspectImage(stores().store, reference);
    const hex = id.slice('sha256:'.length);

    const names = ['busybox', 'busybox:latest', 'library/busybox', 'docker.io/library/busybox:latest', reference, digestReference!, id, hex, hex.slice(0, 12), `sha256:${hex.slice(0, 12)}`];
    for (const name of names) {
      const docker = await dockerJson<DockerInspect>(engine(), `/images/${name}/json`);
      expect({ name, id: (await inspectImage(stores().store, name)).Id }).toEqual({ name, id: docker.Id });
    }
    expect((await inspectImage(stores().store, 'busybox')).RepoTags).toEqual(['busybox:latest', `${registry().host}/library/busybox:latest`].sort());
  });

  test('a name neither engine knows fails with the words Docker uses', async () => {
    const docker = await engineRequest(engine().endpoint, { method: 'GET', path: '/images/nothing-here:1/json' });
    const error = await inspectImage(stores().store, 'nothing-here:1').catch((caught: unknown) => caught);

    expect(docker.status).toBe(404);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).kind).toBe('not-found');
    // Docker 20.10's inspect says it twice ("no such image: X: No such image: X"); its other routes say it once.
    expect((JSON.parse(docker.body) as { message: string }).message).toContain((error as BerthError).message);
    expect((error as BerthError).message).toBe('No such image: nothing-here:1');
  });
});
