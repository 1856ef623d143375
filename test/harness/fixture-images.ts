import { createReadStream } from 'node:fs';
import { BerthError } from '../../src/errors/berth-error.js';
import type { TestEngine } from './docker-engine.js';
import { busyboxTarball } from './busybox-tarball.js';
import { engineRequest, expectStatus } from './engine-http.js';

export const busyboxReference = 'berth-fixture/busybox:1';

/** What the busybox image runs and finds when a container gives no command or PATH. */
const busyboxChanges = ['CMD ["sh"]', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/**
 * Makes sure `engine` has the busybox fixture image under `reference` and returns the reference.
 * The image is imported through the Engine API, so neither a registry nor a docker CLI is needed.
 */
export async function ensureBusyboxImage(engine: TestEngine, reference = busyboxReference): Promise<string> {
  if (await hasImage(engine, reference)) return reference;
  await importImageTarball(engine, busyboxTarball(), reference, busyboxChanges);
  return reference;
}

export async function hasImage(engine: TestEngine, reference: string): Promise<boolean> {
  const answer = expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path: `/images/${reference}/json` }), [200, 404], `inspect image ${reference}`);
  return answer.status === 200;
}

/**
 * Imports a root filesystem tar as a one-layer image (`POST /images/create?fromSrc=-`), applying
 * Dockerfile instructions from `changes` (CMD, ENV, WORKDIR, ...). The layer digest depends only on
 * the tar; the image id also covers the import time, so it differs between imports.
 */
export async function importImageTarball(engine: TestEngine, tarball: string, reference: string, changes: readonly string[] = []): Promise<void> {
  const { repository, tag } = splitReference(reference);
  const query = new URLSearchParams({ fromSrc: '-', repo: repository, tag });
  for (const change of changes) query.append('changes', change);
  const answer = expectStatus(
    await engineRequest(engine.endpoint, { method: 'POST', path: `/images/create?${query}`, stream: createReadStream(tarball), timeoutMs: 120_000 }),
    [200],
    `import ${tarball} as ${reference}`,
  );
  // The answer is a stream of JSON progress messages; a failure arrives as one with `error` set.
  for (const line of answer.body.split('\n').filter(Boolean)) {
    const message = JSON.parse(line) as { error?: string };
    if (message.error) {
      throw new BerthError({ code: 'TEST_FIXTURE_IMPORT', kind: 'internal', message: `test engine could not import ${tarball} as ${reference}: ${message.error}` });
    }
  }
}

function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: 'latest' };
}
