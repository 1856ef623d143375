import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../../src/api/types/volumes.js';
import { useDockerEngine } from '../../harness/docker-engine.js';
import { engineRequest } from '../../harness/engine-http.js';
import { importImageTarball } from '../../harness/fixture-images.js';
import { call } from '../../harness/raw-calls.js';
import { imageRoot, snapshot, temporaryDirectory, temporaryStore, type ImageRoot } from './volume-fixtures.js';

const engine = useDockerEngine();
const reference = 'berth-test/copy-up:1';

async function dockerVolume(name: string): Promise<Volume> {
  return JSON.parse(await call(engine(), 'GET', `/volumes/${name}`)) as Volume;
}

/** Creates (never starts) a container of the fixture image with these binds: Docker copies up at create. */
async function createWith(binds: string[]): Promise<void> {
  await call(engine(), 'POST', '/containers/create', { Image: reference, Cmd: ['true'], HostConfig: { Binds: binds } });
}

describe('volumes beside Docker 20.10', () => {
  let image: ImageRoot;

  beforeAll(async () => {
    // The image root outlives each test: every test reads it.
    image = imageRoot('file');
    const tarball = join(temporaryDirectory('berth-image-tar-', 'file'), 'image.tar');
    execFileSync('tar', ['--create', `--file=${tarball}`, `--directory=${image.root}`, '--format=posix', '--numeric-owner', '--xattrs', '--xattrs-include=*', '.']);
    await importImageTarball(engine(), tarball, reference);
  }, 120_000);

  it.each([
    ['a directory with owned files, links, a device and a FIFO', '/data'],
    ['an empty directory', '/empty'],
    ['a link inside the image', '/abs'],
    ['a link that climbs out of the image', '/escape'],
    ['a link to an absolute host path', '/escape-abs'],
  ])('copies up %s with the same owners, modes and content', async (_, path) => {
    const name = `copy${path.replaceAll('/', '-')}`;
    await createWith([`${name}:${path}`]);
    const { store } = await temporaryStore();
    await store.create({ Name: name });
    await store.copyUp(name, { imageRoot: image.root, path });
    expect(snapshot(store.mountpoint(name))).toEqual(snapshot((await dockerVolume(name)).Mountpoint));
  });

  it('copies nothing for nocopy, as Docker', async () => {
    await createWith(['nocopy-data:/data:nocopy']);
    const { store } = await temporaryStore();
    await store.create({ Name: 'nocopy-data' });
    await store.copyUp('nocopy-data', { imageRoot: image.root, path: '/data', noCopy: true });
    expect(snapshot(store.mountpoint('nocopy-data'))).toEqual(snapshot((await dockerVolume('nocopy-data')).Mountpoint));
  });

  it('inspects a volume with the same fields and values, apart from where it lives and when it was made', async () => {
    const request = { Name: 'shape', Labels: { 'com.docker.compose.project': 'demo' }, DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } };
    const docker = JSON.parse(await call(engine(), 'POST', '/volumes/create', request)) as Volume;
    const { store } = await temporaryStore();
    const berth = await store.create(request);
    const comparable = ({ Mountpoint, CreatedAt, ...rest }: Volume): { fields: string[]; rest: object } => ({ fields: Object.keys({ Mountpoint, CreatedAt, ...rest }).sort(), rest });
    expect(comparable(berth)).toEqual(comparable(docker));
    const bare = JSON.parse(await call(engine(), 'POST', '/volumes/create', { Name: 'bare' })) as Volume;
    expect(comparable(await store.create({ Name: 'bare' }))).toEqual(comparable(bare));
  });

  it.each([
    [{ Name: 'x' }],
    [{ Name: 'b@d' }],
    [{ Name: 'opts', DriverOpts: { bogus: '1' } }],
    // A missing driver is left out: Docker looks for the plugin for 15 s first (volume-store.test.ts has its text).
  ])('refuses %j with the message Docker gives', async (request) => {
    const docker = await engineRequest(engine().endpoint, { method: 'POST', path: '/volumes/create', json: request });
    const { store } = await temporaryStore();
    const berth = await store.create(request).then(
      () => 'created',
      (error: Error) => error.message,
    );
    expect(berth).toBe((JSON.parse(docker.body) as { message: string }).message);
  });

  it('treats a forced removal of a missing volume as done, as Docker', async () => {
    const docker = await engineRequest(engine().endpoint, { method: 'DELETE', path: '/volumes/missing?force=1' });
    expect(docker.status).toBe(204);
    const { store } = await temporaryStore();
    await expect(store.remove('missing', { force: true })).resolves.toBeUndefined();
  });
});
