import { expect, test } from 'vitest';
import type { ProgressMessage } from '../../../../src/api/types/images.js';
import { pullImage, pullJsonMessages } from '../../../../src/runtime/images/pull/index.js';
import { dockerProgressBar } from '../../../../src/runtime/images/pull/docker-progress-bar.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { engineRequest, expectStatus } from '../../../harness/engine-http.js';
import { pushFixture } from '../../../harness/fixtures/index.js';
import { useRegistry } from '../../../harness/registry.js';
import { useStore } from '../operations/image-peers.js';

// Docker's engine is the reference: a berth pull's messages must read as dockerd 20.10's do.
const engine = useDockerEngine();
const registry = useRegistry();
const stores = useStore();

async function berthPull(reference: string): Promise<ProgressMessage[]> {
  const messages: ProgressMessage[] = [];
  const next = pullJsonMessages();
  await pullImage(stores().store, reference, { onProgress: (event) => messages.push(...next(event)) });
  return messages;
}

async function dockerPull(reference: string): Promise<ProgressMessage[]> {
  const answer = await engineRequest(engine().endpoint, { method: 'POST', path: `/images/create?fromImage=${encodeURIComponent(reference)}`, timeoutMs: 120_000 });
  const lines = expectStatus(answer, [200], `pull ${reference}`).body.split('\n').filter((line) => line !== '');
  return lines.map((line) => JSON.parse(line) as ProgressMessage);
}

/** The lines about a layer carry progressDetail; the others (from, digest, status) do not. */
const isLayerLine = (message: ProgressMessage): boolean => message.progressDetail !== undefined;

/** Each layer's statuses, layers in the order they first appear, repeats in a row counted once. */
function statusesByLayer(messages: ProgressMessage[]): Array<[string, string[]]> {
  const layers = new Map<string, string[]>();
  for (const message of messages.filter(isLayerLine)) {
    const statuses = layers.get(message.id!) ?? [];
    if (statuses.at(-1) !== message.status) statuses.push(message.status!);
    layers.set(message.id!, statuses);
  }
  return [...layers];
}

function isSubsequence(part: string[], whole: string[]): boolean {
  let next = 0;
  for (const item of whole) if (item === part[next]) next += 1;
  return next === part.length;
}

/**
 * Docker's daemon drops a progress line that the next one overtakes before its client reads it
 * (say "Verifying Checksum" right before "Download complete"), so each of Docker's layers must
 * read as ours with some lines left out, beginning and ending alike.
 */
function expectSamePull(ours: ProgressMessage[], docker: ProgressMessage[]): void {
  expect(ours.filter((message) => !isLayerLine(message))).toEqual(docker.filter((message) => !isLayerLine(message)));
  const ourLayers = statusesByLayer(ours);
  const dockerLayers = statusesByLayer(docker);
  expect(ourLayers.map(([id]) => id)).toEqual(dockerLayers.map(([id]) => id));
  for (const [index, [id, theirs]] of dockerLayers.entries()) {
    const mine = ourLayers[index]![1];
    expect([mine[0], mine.at(-1)], `layer ${id}`).toEqual([theirs[0], theirs.at(-1)]);
    expect(isSubsequence(theirs, mine), `layer ${id}: Docker said ${theirs.join(', ')}; berth said ${mine.join(', ')}`).toBe(true);
  }
}

test('a first pull reads as Docker\'s: each layer from "Pulling fs layer" or "Already exists" to "Pull complete", then the digest and "Downloaded newer image"', async () => {
  const { reference: busybox } = await pushFixture(registry(), 'busybox', 'library/busybox:latest');
  const ours = await berthPull(busybox);
  const docker = await dockerPull(busybox);
  expectSamePull(ours, docker);
  expect(statusesByLayer(ours).map(([, statuses]) => statuses)).toEqual([['Pulling fs layer', 'Downloading', 'Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete']]);

  // layered's bottom layer is busybox's: both say it exists and pull the two above it.
  const { reference: layered } = await pushFixture(registry(), 'layered', 'library/layered:1');
  const oursLayered = await berthPull(layered);
  const dockerLayered = await dockerPull(layered);
  expectSamePull(oursLayered, dockerLayered);
  expect(statusesByLayer(oursLayered).map(([, statuses]) => statuses[0])).toEqual(['Already exists', 'Pulling fs layer', 'Pulling fs layer']);

  // Docker's text bars, for the figures its own stream carried.
  for (const message of [...docker, ...dockerLayered].filter((line) => line.progress !== undefined)) {
    expect(dockerProgressBar(message.progressDetail!.current!, message.progressDetail!.total!)).toBe(message.progress);
  }
});

test('a second pull of an unchanged image says "Image is up to date", with no layer lines, as Docker does', async () => {
  const { reference } = await pushFixture(registry(), 'busybox-uncompressed', 'library/unchanged:1');
  await berthPull(reference);
  await dockerPull(reference);

  const ours = await berthPull(reference);
  expect(ours).toEqual(await dockerPull(reference));
  expect(ours.at(-1)).toEqual({ status: `Status: Image is up to date for ${reference}` });
});

test('a new tag for an image already stored says "Downloaded newer image", with no layer lines, as Docker does', async () => {
  const { reference: first } = await pushFixture(registry(), 'busybox', 'library/busybox:latest');
  await berthPull(first);
  await dockerPull(first);
  const { reference: second } = await pushFixture(registry(), 'busybox', 'library/another:1');

  const ours = await berthPull(second);
  expect(ours).toEqual(await dockerPull(second));
  expect(ours.map((message) => message.status)).toEqual(['Pulling from library/another', expect.stringMatching(/^Digest: sha256:/), `Status: Downloaded newer image for ${second}`]);
});
