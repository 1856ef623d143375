import { createReadStream, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { imageHistory, importImage, inspectImage, listImages, saveImages } from '../../../../src/runtime/images/operations/index.js';
import { busyboxTarball } from '../../../harness/busybox-tarball.js';
import { useDockerEngine } from '../../../harness/docker-engine.js';
import { importImageTarball } from '../../../harness/fixture-images.js';
import { runToExit } from '../../../harness/raw-calls.js';
import { dockerJson, dockerLoad, useStore } from './image-peers.js';

const engine = useDockerEngine();
const stores = useStore();

/** Changes in each form Docker reads: exec and shell form, new and old ENV, quotes, variables, relative WORKDIR. */
const changes = [
  'CMD ["sh", "-c", "echo imported: $GREETING"]',
  'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin GREETING="hello world"',
  'env SHOUT=${GREETING:-quiet}! EMPTY=${NOTHING:-fallback} SET=${GREETING:+yes} QUOTED=\'$GREETING\' ESCAPED=\\$GREETING',
  'ENV OLD old style value',
  'ENV PATH=/usr/local/bin:$PATH',
  'WORKDIR /srv',
  'WORKDIR app/$SHOUT',
  'ENTRYPOINT /bin/sh -c',
  'ENTRYPOINT ["/bin/sh", "-c"]',
];

interface DockerInspect {
  Config: unknown;
  RootFS: unknown;
  Architecture: string;
  Os: string;
  Size: number;
  RepoTags: string[];
}

describe('import of a root filesystem tarball', () => {
  test('makes the one-layer image Docker makes from the same tarball and changes', async () => {
    const { store } = stores();
    const imported = await importImage(store, createReadStream(busyboxTarball()), { reference: 'imported/busybox:1', changes });
    await importImageTarball(engine(), busyboxTarball(), 'imported/busybox:1', changes);

    const ours = await inspectImage(store, 'imported/busybox:1');
    const docker = await dockerJson<DockerInspect>(engine(), '/images/imported/busybox:1/json');

    expect(imported).toMatchObject({ id: ours.Id, reference: 'imported/busybox:1' });
    for (const key of ['Config', 'RootFS', 'Architecture', 'Os', 'Size', 'RepoTags'] as const) expect({ [key]: ours[key] }).toEqual({ [key]: docker[key] });
    const history = (items: Array<{ CreatedBy: string; Comment: string; Size: number }>): unknown[] => items.map(({ CreatedBy, Comment, Size }) => ({ CreatedBy, Comment, Size }));
    expect(history(await imageHistory(store, 'imported/busybox:1'))).toEqual(history(await dockerJson(engine(), '/images/imported/busybox:1/history')));
  });

  test("puts the tarball's files in the layer's diff directory", async () => {
    const { store } = stores();
    await importImage(store, createReadStream(busyboxTarball()), { reference: 'files:1' });

    const [diffId] = (await inspectImage(store, 'files:1')).RootFS.Layers;
    const diff = store.diffPath(diffId!);
    expect(statSync(join(diff, 'bin/busybox')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(diff, 'bin/sh'))).toBe('/bin/busybox');
    expect(readFileSync(join(diff, 'etc/passwd'), 'utf8')).toContain('root:x:0:0:root:/root:/bin/sh');
    expect(statSync(join(diff, 'tmp')).mode & 0o7777).toBe(0o1777);
  });

  test('a gzip-compressed tarball gives the same layer, stored compressed', async () => {
    const { store } = stores();
    const plain = await importImage(store, createReadStream(busyboxTarball()), { reference: 'plain:1' });
    const compressed = await importImage(store, Readable.from([gzipSync(readFileSync(busyboxTarball()))]), { reference: 'compressed:1' });

    expect((await inspectImage(store, 'compressed:1')).RootFS).toEqual((await inspectImage(store, 'plain:1')).RootFS);
    const manifest = await store.readJson<{ layers: Array<{ mediaType: string }> }>(compressed.manifestDigest);
    expect(manifest.layers.map((layer) => layer.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar+gzip']);
    expect(compressed.id).not.toBe(plain.id);
  });

  test('the imported image, saved, runs on Docker with the command the changes gave it', async () => {
    const { store } = stores();
    await importImage(store, createReadStream(busyboxTarball()), { reference: 'imported/runs:1', changes: ['CMD ["sh", "-c", "echo $GREETING from $(pwd)"]', 'ENV GREETING=hello', 'WORKDIR /tmp'] });
    const tar = new PassThrough();
    const saving = saveImages(store, ['imported/runs:1'], tar);

    await dockerLoad(engine(), tar);
    await saving;
    const container = await runToExit(engine(), { Image: 'imported/runs:1', Tty: true });

    expect(container.exitCode).toBe(0);
    expect(container.output.trim()).toBe('hello from /tmp');
  });

  test('without a reference the image is kept under its id', async () => {
    const { store } = stores();
    const imported = await importImage(store, createReadStream(busyboxTarball()));

    expect(imported.reference).toBeUndefined();
    expect(await listImages(store)).toMatchObject([{ Id: imported.id, RepoTags: [], RepoDigests: [] }]);
  });

  test('a change berth does not make is refused before the tarball is read', async () => {
    const unread = new Readable({
      read() {
        throw new Error('the tarball was read');
      },
    });

    const error = await importImage(stores().store, unread, { changes: ['EXPOSE 80'] }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('INVALID_IMAGE_CHANGE');
    expect((error as BerthError).message).toBe('import change "EXPOSE 80": EXPOSE is not a change berth\'s import makes');
  });
});
