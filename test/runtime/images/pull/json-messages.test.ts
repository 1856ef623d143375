import { describe, expect, test } from 'vitest';
import type { ProgressMessage } from '../../../../src/api/types/images.js';
import { pullJsonMessages, type PullProgress } from '../../../../src/runtime/images/pull/index.js';

const base = `sha256:104f60bd9c26${'0'.repeat(52)}`;
const top = `sha256:d317731c3e16${'1'.repeat(52)}`;
const manifest = `sha256:${'a'.repeat(64)}`;
const index = `sha256:${'b'.repeat(64)}`;

function messagesOf(events: PullProgress[]): ProgressMessage[] {
  const next = pullJsonMessages();
  return events.flatMap((event) => next(event));
}

function layers(): Array<{ digest: string; size: number }> {
  return [
    { digest: base, size: 1056349 },
    { digest: top, size: 461 },
  ];
}

describe("a pull's progress as Docker's JSON messages", () => {
  test('a layer pulled goes from "Pulling fs layer" to "Pull complete"; one present says "Already exists"', () => {
    const messages = messagesOf([
      { kind: 'manifest', reference: 'docker.io/library/busybox:latest', digest: manifest, stored: false, layers: layers() },
      { kind: 'layer', digest: base, status: 'exists', current: 1056349, total: 1056349 },
      { kind: 'layer', digest: top, status: 'pending', current: 0, total: 461 },
      { kind: 'layer', digest: top, status: 'downloading', current: 461, total: 461 },
      { kind: 'layer', digest: top, status: 'extracting', current: 461, total: 461 },
      { kind: 'layer', digest: top, status: 'complete', current: 461, total: 461 },
      { kind: 'done', reference: 'docker.io/library/busybox:latest', digest: manifest, registryDigest: index, updated: true },
    ]);

    const bar = `[${'='.repeat(50)}>]     461B/461B`;
    expect(messages).toEqual([
      { status: 'Pulling from library/busybox', id: 'latest' },
      { status: 'Already exists', progressDetail: {}, id: '104f60bd9c26' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'd317731c3e16' },
      { status: 'Downloading', progressDetail: { current: 461, total: 461 }, progress: bar, id: 'd317731c3e16' },
      { status: 'Verifying Checksum', progressDetail: {}, id: 'd317731c3e16' },
      { status: 'Download complete', progressDetail: {}, id: 'd317731c3e16' },
      { status: 'Extracting', progressDetail: { current: 461, total: 461 }, progress: bar, id: 'd317731c3e16' },
      { status: 'Pull complete', progressDetail: {}, id: 'd317731c3e16' },
      { status: `Digest: ${index}` },
      { status: 'Status: Downloaded newer image for busybox:latest' },
    ]);
  });

  test('an image the store held says "Image is up to date" with no layer lines', () => {
    const messages = messagesOf([
      { kind: 'manifest', reference: 'registry.example:5000/app/web:1', digest: manifest, stored: true, layers: layers() },
      { kind: 'layer', digest: base, status: 'exists', current: 1056349, total: 1056349 },
      { kind: 'layer', digest: top, status: 'exists', current: 461, total: 461 },
      { kind: 'done', reference: 'registry.example:5000/app/web:1', digest: manifest, registryDigest: manifest, updated: false },
    ]);

    expect(messages).toEqual([
      { status: 'Pulling from app/web', id: '1' },
      { status: `Digest: ${manifest}` },
      { status: 'Status: Image is up to date for registry.example:5000/app/web:1' },
    ]);
  });

  test('a pull by digest is "from" its whole reference', () => {
    const reference = `docker.io/library/busybox@${manifest}`;
    const [first] = messagesOf([{ kind: 'manifest', reference, digest: manifest, stored: false, layers: layers() }]);
    expect(first).toEqual({ status: 'Pulling from library/busybox', id: reference });
  });

  test("download figures carry Docker's text bar, in decimal units to four digits", () => {
    const messages = messagesOf([
      { kind: 'manifest', reference: 'docker.io/library/busybox:latest', digest: manifest, stored: false, layers: layers() },
      { kind: 'layer', digest: base, status: 'downloading', current: 36445, total: 1056349 },
      { kind: 'layer', digest: base, status: 'downloading', current: 2129920, total: 2129920 },
    ]);
    // Both as dockerd 20.10 wrote them.
    expect(messages.slice(1).map((message) => message.progress)).toEqual([`[=>${' '.repeat(49)}]  36.45kB/1.056MB`, `[${'='.repeat(50)}>]   2.13MB/2.13MB`]);
  });
});
