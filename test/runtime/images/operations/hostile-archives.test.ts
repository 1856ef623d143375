import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { listImages, loadImages } from '../../../../src/runtime/images/operations/index.js';
import { archive, entry, file, symlink } from '../layers/tar-bytes.js';
import { storeContents, useStore } from './image-peers.js';

const stores = useStore();

function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A docker-save archive of one image with one layer, with extra members in front. */
function dockerArchive(layer: Buffer, extra: Buffer[] = [], tags = ['hostile:1']): Buffer {
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } });
  const manifest = JSON.stringify([{ Config: 'config.json', RepoTags: tags, Layers: ['layer/layer.tar'] }]);
  return archive(...extra, file('config.json', config), entry({ name: 'layer/layer.tar', body: layer }), file('manifest.json', manifest));
}

const harmlessLayer = archive(file('hello.txt', 'hello\n'));

async function loadFails(bytes: Buffer): Promise<BerthError> {
  const error = await loadImages(stores().store, Readable.from([bytes])).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BerthError);
  expect(await listImages(stores().store)).toEqual([]);
  return error as BerthError;
}

describe('an image archive is hostile input', () => {
  test('a member that climbs out with ".." is refused by name, and nothing is tagged', async () => {
    const error = await loadFails(dockerArchive(harmlessLayer, [file('../../escaped.txt', 'x')]));

    expect(error.code).toBe('IMAGE_ARCHIVE_REFUSED');
    expect(error.message).toContain('member "../../escaped.txt" climbs out of the archive');
    expect(existsSync(join(stores().root, '..', 'escaped.txt'))).toBe(false);
  });

  test('a member with an absolute name is refused by name', async () => {
    const error = await loadFails(dockerArchive(harmlessLayer, [file('/etc/berth-test-absolute', 'x')]));

    expect(error.message).toContain('member "/etc/berth-test-absolute" has an absolute name');
  });

  test('a symlink pointing outside the archive is refused by name', async () => {
    const error = await loadFails(dockerArchive(harmlessLayer, [symlink('layer/evil', '../../../etc/passwd')]));

    expect(error.message).toContain('member "layer/evil" points to "../../../etc/passwd", outside the archive');
  });

  test('manifest.json naming a path outside the archive is refused', async () => {
    const manifest = JSON.stringify([{ Config: '../../etc/shadow', RepoTags: [], Layers: [] }]);

    const error = await loadFails(archive(file('manifest.json', manifest)));

    expect(error.message).toContain('"manifest.json" points to "../../etc/shadow", outside the archive');
  });

  test('a JSON document past 8 MiB is refused before it is parsed', async () => {
    const error = await loadFails(archive(file('manifest.json', `[${' '.repeat(9 * 1024 * 1024)}]`)));

    expect(error.message).toContain('member "manifest.json" is 9437186 bytes, more than the 8388608');
  });

  test('a blob whose content does not match its name is refused by name, and not stored', async () => {
    const lying = `blobs/sha256/${'0'.repeat(64)}`;

    const error = await loadFails(archive(file(lying, 'not what the name says')));

    expect(error.message).toContain(`member "${lying}" does not hold the content its name says`);
    expect(storeContents(stores().root).blobs).toEqual([]);
  });

  test('a device node is refused', async () => {
    const error = await loadFails(dockerArchive(harmlessLayer, [entry({ name: 'dev-null', type: '3', devMajor: 1, devMinor: 3 })]));

    expect(error.message).toContain('member "dev-null" is a CharacterDevice');
  });

  test('links that loop are refused', async () => {
    const error = await loadFails(archive(symlink('manifest.json', 'loop'), symlink('loop', 'manifest.json')));

    expect(error.message).toContain('is a chain of more than 16 links');
  });

  test('an archive cut short is reported as damaged', async () => {
    const whole = dockerArchive(harmlessLayer);

    const error = await loadFails(whole.subarray(0, 1200));

    expect(error.code).toBe('IMAGE_ARCHIVE_INVALID');
    expect(error.message).toContain('the tar stream is damaged');
  });

  test('an archive cut inside a blob is reported as damaged, not as a lying blob', async () => {
    const content = Buffer.alloc(2000, 'a');
    const whole = archive(file(`blobs/${sha256(content).replace(':', '/')}`, content.toString()));

    const error = await loadFails(whole.subarray(0, 512 + 700));

    expect(error.message).toContain('the tar stream is damaged: it ends inside member');
    expect(error.message).toContain('1300 bytes short');
  });

  test('a tar with neither manifest.json nor index.json is not an image archive', async () => {
    const error = await loadFails(archive(file('readme.txt', 'hello')));

    expect(error.message).toContain('neither manifest.json (docker save) nor index.json (an OCI image layout)');
  });

  test('a layer that writes outside its directory fails in the hardened extractor, leaving no layer behind', async () => {
    const hostileLayer = archive(file('../outside.txt', 'x'));

    const error = await loadFails(dockerArchive(hostileLayer));

    expect(error.code).toBe('LAYER_REFUSED');
    expect(error.message).toContain('"../outside.txt"');
    expect(readdirSync(join(stores().root, 'layers', 'sha256'))).toEqual([]);
  });
});

describe('an honest archive', () => {
  test('loads plain or gzip-compressed, its layer unpacked and its tag set', async () => {
    const bytes = dockerArchive(harmlessLayer);
    const { store } = stores();

    const [plain] = await loadImages(store, Readable.from([bytes]));
    const [compressed] = await loadImages(store, Readable.from([gzipSync(bytes)]));

    expect(plain?.references).toEqual(['hostile:1']);
    expect(compressed).toEqual(plain);
    expect(storeContents(stores().root).layers).toEqual([sha256(harmlessLayer)]);
  });
});
