import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf } from './store-bytes.js';
import { tempStore } from './store-fixtures.js';

describe('ContentStore blobs in memory', () => {
  it('stores JSON as JSON.stringify gives it and reads it back by digest', async () => {
    const { store, root } = tempStore();
    const value = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] };
    const digest = await store.writeJson(value);
    expect(digest).toBe(digestOf(JSON.stringify(value)));
    expect(store.path(digest)).toBe(join(root, 'blobs/sha256', digest.slice('sha256:'.length)));
    expect(await store.readJson(digest)).toEqual(value);
    expect(readdirSync(join(root, 'ingest'))).toEqual([]);
  });

  it('keeps bytes exactly as received, whitespace and key order included', async () => {
    const { store } = tempStore();
    const received = Buffer.from('{ "z": 1,\n  "a": 2 }\n');
    const digest = await store.writeBytes(received);
    expect(digest).toBe(digestOf(received));
    expect(readFileSync(store.path(digest)).equals(received)).toBe(true);
    expect(await store.writeBytes(received)).toBe(digest);
  });

  it('says which blob is missing', async () => {
    const { store } = tempStore();
    const absent = 'sha256:' + 'ef'.repeat(32);
    expect(await store.has(absent)).toBe(false);
    await expect(store.readJson(absent)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND', kind: 'not-found', message: expect.stringContaining(absent) });
  });

  it('says when a blob read as JSON is not JSON', async () => {
    const { store } = tempStore();
    const digest = await store.writeBytes(Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    await expect(store.readJson(digest)).rejects.toMatchObject({ code: 'BLOB_NOT_JSON' });
  });
});
