import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { inspectImage, listImages, loadImages, saveImages, tagImage } from '../../../../src/runtime/images/operations/index.js';
import { pullImage } from '../../../../src/runtime/images/pull/index.js';
import { chainIds, ContentStore } from '../../../../src/runtime/images/store/index.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { buildFixture, pushFixture } from '../../../harness/fixtures/index.js';
import { runToExit } from '../../../harness/raw-calls.js';
import { useRegistry } from '../../../harness/registry.js';
import { dockerJson, dockerLoad, dockerPull, dockerSave, useStore } from './image-peers.js';

const run = promisify(execFile);
const engine = useDockerEngine();
const registry = useRegistry();
const stores = useStore();
const scratch = mkdtempSync(join(tmpdir(), 'berth-save-load-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a container of the layered fixture sees (test/harness/fixtures/recipes.ts). */
const layeredScript = 'echo $(ls /etc/berth) / $(ls -A /opt/app) / $(cat /etc/berth/replaced.txt) / $(hello) / $(test -e /usr/bin/wget && echo wget || echo no wget)';
const layeredSees = 'greeting.txt replaced.txt / new.txt / layer 3 / hello from layer 2 / no wget';

async function saveToFile(store: ContentStore, names: string[], file: string): Promise<string> {
  await saveImages(store, names, createWriteStream(join(scratch, file)));
  return join(scratch, file);
}

async function skopeo(...args: string[]): Promise<string> {
  return (await run('skopeo', ['--insecure-policy', ...args], { env: { ...process.env, TMPDIR: scratch } })).stdout;
}

describe('berth save, read by Docker and skopeo', () => {
  test('Docker loads the tarball, gets the same image id and layers, and runs it', async () => {
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:saved');
    const { store } = stores();
    await pullImage(store, reference);
    await tagImage(store, reference, 'berth-saved/layered:1');
    const ours = await inspectImage(store, reference);

    await dockerLoad(engine(), createReadStream(await saveToFile(store, ['berth-saved/layered:1'], 'layered.tar')));

    const docker = await dockerJson<{ Id: string; RootFS: { Layers: string[] }; RepoTags: string[] }>(engine(), '/images/berth-saved/layered:1/json');
    expect(docker.Id).toBe(ours.Id);
    expect(docker.RootFS.Layers).toEqual(ours.RootFS.Layers);
    expect(docker.RepoTags).toEqual(['berth-saved/layered:1']);
    const container = await runToExit(engine(), { Image: 'berth-saved/layered:1', Tty: true, Cmd: ['sh', '-c', layeredScript] });
    expect(container).toMatchObject({ exitCode: 0 });
    expect(container.output.trim()).toBe(layeredSees);
  });

  test('skopeo reads it both as a docker-archive and as an OCI layout, every blob matching its digest', async () => {
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:skopeo');
    const { store } = stores();
    await pullImage(store, reference);
    await tagImage(store, reference, 'layered:skopeo');
    const { RootFS } = await inspectImage(store, reference);
    const file = await saveToFile(store, ['layered:skopeo'], 'skopeo.tar');

    for (const source of [`docker-archive:${file}`, `oci-archive:${file}:skopeo`]) {
      expect((JSON.parse(await skopeo('inspect', source)) as { Layers: string[] }).Layers).toEqual(RootFS.Layers);
      const copy = mkdtempSync(join(scratch, 'copy-'));
      // A copy reads every blob and checks it against its digest.
      await skopeo('copy', '--quiet', source, `dir:${copy}`);
      for (const diffId of RootFS.Layers) expect(existsSync(join(copy, diffId.slice('sha256:'.length)))).toBe(true);
    }
  });

  test('several images in one tarball: a repository name brings all its tags, and Docker loads them all', async () => {
    const { reference: busybox } = await pushFixture(registry(), 'busybox', 'library/busybox:several');
    const { reference: layered } = await pushFixture(registry(), 'layered', 'library/layered:several');
    const { store } = stores();
    await pullImage(store, busybox);
    await pullImage(store, layered);
    await tagImage(store, busybox, 'several/one:a');
    await tagImage(store, busybox, 'several/one:b');
    await tagImage(store, layered, 'several/two:latest');

    await dockerLoad(engine(), createReadStream(await saveToFile(store, ['several/one', 'several/two'], 'several.tar')));

    for (const name of ['several/one:a', 'several/one:b', 'several/two']) {
      expect((await dockerJson<{ Id: string }>(engine(), `/images/${name}/json`)).Id).toBe((await inspectImage(store, name)).Id);
    }
  });
});

describe('berth load', () => {
  test("reads Docker's own save: the same id, DiffIDs and tags, the layers unpacked by ChainID", async () => {
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:docker-saved');
    await dockerPull(engine(), reference);
    const docker = await dockerJson<{ Id: string; RootFS: { Layers: string[] } }>(engine(), `/images/${reference}/json`);
    const { store } = stores();

    const loaded = await loadImages(store, await dockerSave(engine(), [reference]));

    expect(loaded).toMatchObject([{ id: docker.Id, references: [reference] }]);
    const ours = await inspectImage(store, reference);
    expect(ours.RootFS.Layers).toEqual(docker.RootFS.Layers);
    const [, second] = chainIds(ours.RootFS.Layers);
    expect(readFileSync(join(store.diffPath(second!), 'etc/berth/greeting.txt'), 'utf8')).toBe('hello from layer 2\n');
  });

  test("reads skopeo's OCI archive: a whole reference in the ref name tags the image, a bare tag does not", async () => {
    const layout = buildFixture('layered');
    const named = join(scratch, 'named-oci.tar');
    const bare = join(scratch, 'bare-oci.tar');
    await skopeo('copy', '--quiet', `oci:${layout.directory}:${layout.tag}`, `oci-archive:${named}:example.com/app/layered:2`);
    await skopeo('copy', '--quiet', `oci:${layout.directory}:${layout.tag}`, `oci-archive:${bare}:v2`);
    const { store } = stores();

    const [first] = await loadImages(store, createReadStream(named));
    const [second] = await loadImages(store, createReadStream(bare));

    expect(first?.references).toEqual(['example.com/app/layered:2']);
    expect(second?.references).toEqual([]);
    expect(second?.id).toBe(first?.id);
    // The OCI manifest is kept as the layout holds it, so the image keeps its manifest digest.
    expect(first?.manifestDigest).toBe(layout.digest);
    expect((await listImages(store)).map((image) => image.RepoTags)).toEqual([['example.com/app/layered:2']]);
  });

  test('a berth save loads back into another store as the same image, manifest included', async () => {
    const { reference } = await pushFixture(registry(), 'layered', 'library/layered:round-trip');
    const { store } = stores();
    await pullImage(store, reference);
    const file = await saveToFile(store, [reference], 'round-trip.tar');
    const other = new ContentStore(mkdtempSync(join(scratch, 'store-')));

    const [once] = await loadImages(other, createReadStream(file));
    const [twice] = await loadImages(other, createReadStream(await saveToFile(other, [reference], 'round-trip-2.tar')));

    expect(once).toEqual(twice);
    expect(once?.id).toBe((await inspectImage(store, reference)).Id);
    // Saves are reproducible: the same image saves to the same bytes from either store.
    expect(readFileSync(join(scratch, 'round-trip.tar')).equals(readFileSync(join(scratch, 'round-trip-2.tar')))).toBe(true);
  });
});

describe('choices a save or load makes', () => {
  test('an OCI archive of a two-platform index loads the image of this machine', async () => {
    const layout = buildFixture('multi-platform');
    const file = join(scratch, 'multi-oci.tar');
    await skopeo('copy', '--quiet', '--all', `oci:${layout.directory}:${layout.tag}`, `oci-archive:${file}:example.com/app/multi:1`);
    const { store } = stores();

    await loadImages(store, createReadStream(file));

    expect((await inspectImage(store, 'example.com/app/multi:1')).Architecture).toBe(process.arch === 'x64' ? 'amd64' : 'arm64');
  });

  test('an image saved by id has no tags in the tarball, and Docker loads it by id alone', async () => {
    const { reference } = await pushFixture(registry(), 'busybox', 'library/busybox:by-id');
    const { store } = stores();
    await pullImage(store, reference);
    const { Id: id } = await inspectImage(store, reference);
    const file = await saveToFile(store, [id.slice(7, 19)], 'by-id.tar');

    const manifest = JSON.parse((await run('tar', ['-xOf', file, 'manifest.json'])).stdout) as Array<{ RepoTags: unknown }>;
    const output = await dockerLoad(engine(), createReadStream(file));

    expect(manifest).toMatchObject([{ RepoTags: null }]);
    expect(output).toContain(`Loaded image ID: ${id}`);
  });
});
