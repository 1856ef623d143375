import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { VolumeStore } from '../../../src/runtime/volumes/index.js';
import { imageRoot, snapshot, temporaryDirectory, temporaryStore } from './volume-fixtures.js';

describe('copy-up of an image path into a volume', () => {
  it('copies the image content with owners, modes, links, devices and xattrs as they are', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'data' });
    expect(await store.copyUp('data', { imageRoot: root, path: '/data' })).toBe('copied');
    const volume = store.mountpoint('data');
    // The volume's own directory takes the owner and mode of the image's /data, as in Docker.
    expect(snapshot(volume)).toEqual(snapshot(join(root, 'data')));
    expect(snapshot(volume)).toContain('. dir 750 1000:1000 - - - -');
    expect(readlinkSync(join(volume, 'link'))).toBe('/etc/passwd');
    expect(execFileSync('getfattr', ['--absolute-names', '--only-values', '--name=user.berth', join(volume, 'file')], { encoding: 'utf8' })).toBe('kept');
  });

  it('copies once: a volume emptied after its copy-up stays empty', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'once' });
    expect(await store.copyUp('once', { imageRoot: root, path: '/data' })).toBe('copied');
    const volume = store.mountpoint('once');
    for (const entry of readdirSync(volume)) rmSync(join(volume, entry), { recursive: true });
    expect(await store.copyUp('once', { imageRoot: root, path: '/data' })).toBe('already-copied');
    expect(readdirSync(volume)).toEqual([]);
  });

  it('leaves the volume alone with nocopy, and a later use without nocopy still fills it', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'nocopy' });
    expect(await store.copyUp('nocopy', { imageRoot: root, path: '/data', noCopy: true })).toBe('nocopy');
    expect(readdirSync(store.mountpoint('nocopy'))).toEqual([]);
    expect(await store.copyUp('nocopy', { imageRoot: root, path: '/data' })).toBe('copied');
    expect(readdirSync(store.mountpoint('nocopy')).sort()).toEqual(['dev', 'fifo', 'file', 'hard', 'link', 'setuid', 'sub']);
  });

  it('keeps what a volume already holds, and never fills it later', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'full' });
    writeFileSync(join(store.mountpoint('full'), 'mine'), 'user data\n');
    expect(await store.copyUp('full', { imageRoot: root, path: '/data' })).toBe('volume-not-empty');
    rmSync(join(store.mountpoint('full'), 'mine'));
    expect(await store.copyUp('full', { imageRoot: root, path: '/data' })).toBe('already-copied');
    expect(readdirSync(store.mountpoint('full'))).toEqual([]);
  });

  it('copies nothing where the image has nothing, and a later image with content fills the volume', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'later' });
    expect(await store.copyUp('later', { imageRoot: root, path: '/not/in/image' })).toBe('nothing-in-image');
    expect(await store.copyUp('later', { imageRoot: root, path: '/data' })).toBe('copied');
  });

  it('gives an empty image directory its owner and mode to the volume', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'empty' });
    expect(await store.copyUp('empty', { imageRoot: root, path: '/empty' })).toBe('copied');
    expect(snapshot(store.mountpoint('empty'))).toEqual(['. dir 711 1000:1000 - - - -']);
  });

  it('follows a link in the image path inside the image only', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'through-link' });
    expect(await store.copyUp('through-link', { imageRoot: root, path: '/abs' })).toBe('copied');
    expect(snapshot(store.mountpoint('through-link'))).toEqual(snapshot(join(root, 'data')));
  });

  it.each(['/escape', '/escape-abs', '/escape/secret'])('never copies a host directory that the image path %s links to', async (path) => {
    const { root, outside } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'hostile' });
    expect(await store.copyUp('hostile', { imageRoot: root, path })).toBe('nothing-in-image');
    expect(readdirSync(store.mountpoint('hostile'))).toEqual([]);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('host secret\n');
  });

  it('resolves a climbing link to the same directory inside the image, where it exists there', async () => {
    const { root, outside } = imageRoot();
    // The image has its own directory at the host path the link names: that one is copied.
    mkdirSync(join(root, outside), { recursive: true });
    writeFileSync(join(root, outside, 'image-file'), 'from the image\n');
    const { store } = await temporaryStore();
    await store.create({ Name: 'inside' });
    expect(await store.copyUp('inside', { imageRoot: root, path: '/escape' })).toBe('copied');
    expect(readdirSync(store.mountpoint('inside'))).toEqual(['image-file']);
  });

  it('refuses to copy through a volume directory replaced by a link to the host', async () => {
    const { root } = imageRoot();
    const target = temporaryDirectory('berth-link-target-');
    const { store } = await temporaryStore();
    await store.create({ Name: 'swapped' });
    const data = store.mountpoint('swapped');
    rmSync(data, { recursive: true });
    symlinkSync(target, data);
    const failure = await store.copyUp('swapped', { imageRoot: root, path: '/data' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BerthError);
    expect((failure as BerthError).code).toBe('VOLUME_DATA_NOT_DIRECTORY');
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses to mount a volume where the image has a file', async () => {
    const { root } = imageRoot();
    const { store } = await temporaryStore();
    await store.create({ Name: 'on-file' });
    await expect(store.copyUp('on-file', { imageRoot: root, path: '/etc/passwd' })).rejects.toThrow(
      'cannot mount volume on-file at /etc/passwd: the image has a file there, not a directory',
    );
  });

  it('leaves no scratch directory beside the data, and a copy-up of a missing volume fails as Docker says', async () => {
    const { root } = imageRoot();
    const { store, state } = await temporaryStore();
    await store.create({ Name: 'tidy' });
    await store.copyUp('tidy', { imageRoot: root, path: '/data' });
    expect(readdirSync(join(state, 'volumes', 'tidy')).sort()).toEqual(['_data', 'copied-up', 'volume.json']);
    await expect(store.copyUp('absent', { imageRoot: root, path: '/data' })).rejects.toThrow('get absent: no such volume');
  });

  it('sweeps a copy-up that a crash left half-made when the store opens again', async () => {
    const { store, state } = await temporaryStore();
    await store.create({ Name: 'crashed' });
    const scratch = join(state, 'volumes', 'crashed', '.copy-up-0123456789ab');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'half'), 'half a copy');
    await VolumeStore.open(state);
    expect(existsSync(scratch)).toBe(false);
    expect(readdirSync(store.mountpoint('crashed'))).toEqual([]);
  });
});
