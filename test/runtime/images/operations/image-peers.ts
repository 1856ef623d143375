import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, expect } from 'vitest';
import { ContentStore } from '../../../../src/runtime/images/store/index.js';
import type { TestEngine } from '../../../harness/docker-engine.js';
import { engineRequest, expectStatus } from '../../../harness/engine-http.js';

/**
 * What the operation tests share: a fresh store per test, and the few raw calls to Docker's
 * engine, the peer whose answers berth's must match.
 */
export interface TestStore {
  store: ContentStore;
  root: string;
}

export function useStore(): () => TestStore {
  let current: TestStore | undefined;
  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'berth-operations-'));
    current = { root, store: new ContentStore(root) };
  });
  afterEach(() => {
    if (current) rmSync(current.root, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the test store exists only inside a test');
    return current;
  };
}

/** Everything the store holds: blob digests and layer ChainIDs, sorted. */
export function storeContents(root: string): { blobs: string[]; layers: string[] } {
  const list = (directory: string): string[] => readdirSync(join(root, directory, 'sha256')).map((hex) => `sha256:${hex}`).sort();
  return { blobs: list('blobs'), layers: list('layers') };
}

export async function dockerJson<T>(engine: TestEngine, path: string): Promise<T> {
  return JSON.parse(expectStatus(await engineRequest(engine.endpoint, { method: 'GET', path }), [200], `GET ${path}`).body) as T;
}

export async function dockerCall(engine: TestEngine, method: string, path: string): Promise<string> {
  return expectStatus(await engineRequest(engine.endpoint, { method, path, timeoutMs: 60_000 }), [200, 201, 204], `${method} ${path}`).body;
}

/** `docker pull`, failing on an error inside the progress stream. */
export async function dockerPull(engine: TestEngine, reference: string): Promise<void> {
  const body = await dockerCall(engine, 'POST', `/images/create?fromImage=${encodeURIComponent(reference)}`);
  expect(body).not.toContain('"error"');
}

/** `docker load` of a tar stream; returns the progress stream's text. */
export async function dockerLoad(engine: TestEngine, tar: Readable): Promise<string> {
  const answer = expectStatus(await engineRequest(engine.endpoint, { method: 'POST', path: '/images/load?quiet=1', stream: tar, timeoutMs: 120_000 }), [200], 'load images');
  expect(answer.body).not.toContain('"error"');
  return answer.body;
}

/** `docker save NAME...` as a byte stream (the harness's engineRequest reads bodies as text). */
export function dockerSave(engine: TestEngine, names: readonly string[]): Promise<Readable> {
  if (engine.endpoint.kind !== 'unix') throw new Error('the test engine listens on a UNIX socket');
  const query = new URLSearchParams(names.map((name): [string, string] => ['names', name]));
  const socketPath = engine.endpoint.socketPath;
  return new Promise((resolve, reject) => {
    const call = request({ socketPath, agent: false, method: 'GET', path: `/images/get?${query}` }, (response) => {
      if (response.statusCode === 200) return resolve(response);
      response.resume();
      reject(new Error(`docker save answered HTTP ${response.statusCode}`));
    });
    call.on('error', reject);
    call.end();
  });
}
