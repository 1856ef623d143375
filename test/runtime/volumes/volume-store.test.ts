import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/errors/index.js';
import { VolumeStore } from '../../../src/runtime/volumes/index.js';
import { temporaryStore } from './volume-fixtures.js';

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BerthError)) throw new Error(`expected a BerthError, got ${String(error)}`);
  return error;
}

describe('volume store', () => {
  it('creates a named volume as Docker lays it out and inspect shows it', async () => {
    const { store, state } = await temporaryStore();
    const volume = await store.create({ Name: 'pgdata', Labels: { 'com.docker.compose.project': 'demo' } });
    expect(volume).toEqual({
      CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Driver: 'local',
      Labels: { 'com.docker.compose.project': 'demo' },
      Mountpoint: join(state, 'volumes', 'pgdata', '_data'),
      Name: 'pgdata',
      Options: null,
      Scope: 'local',
    });
    expect(statSync(volume.Mountpoint).mode & 0o7777).toBe(0o755);
    expect(statSync(join(state, 'volumes', 'pgdata')).mode & 0o7777).toBe(0o701);
    expect(await store.inspect('pgdata')).toEqual(volume);
    expect(await (await VolumeStore.open(state)).inspect('pgdata')).toEqual(volume);
  });

  it('answers a second create of a name with the first volume, labels unchanged', async () => {
    const { store } = await temporaryStore();
    const first = await store.create({ Name: 'shared', Labels: { a: 'b' } });
    expect(await store.create({ Name: 'shared', Labels: { a: 'c' } })).toEqual(first);
    const [one, two] = await Promise.all([store.create({ Name: 'raced' }), store.create({ Name: 'raced' })]);
    expect(two).toEqual(one);
  });

  it('keeps Labels and Options null when none are given and {} when an empty map is', async () => {
    const { store } = await temporaryStore();
    expect(await store.create({ Name: 'bare' })).toMatchObject({ Labels: null, Options: null });
    expect(await store.create({ Name: 'empty-maps', Labels: {}, DriverOpts: {} })).toMatchObject({ Labels: {}, Options: {} });
  });

  it('names an anonymous volume with 64 hex digits', async () => {
    const { store } = await temporaryStore();
    const volume = await store.create({});
    expect(volume.Name).toMatch(/^[0-9a-f]{64}$/);
    expect(volume.Labels).toBeNull();
  });

  it.each([
    ['x', 'create x: volume name is too short, names should be at least two alphanumeric characters'],
    ['b@d', 'create b@d: "b@d" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
    ['.hidden', 'create .hidden: ".hidden" includes invalid characters'],
    ['../escape', 'create ../escape: "../escape" includes invalid characters'],
  ])('refuses the name %s with Docker\'s text', async (name, text) => {
    const { store } = await temporaryStore();
    const error = await failure(store.create({ Name: name }));
    expect(error.message).toContain(text);
    expect(error.kind).toBe('usage');
  });

  it('refuses a driver other than local and options the local driver does not take', async () => {
    const { store } = await temporaryStore();
    const driver = await failure(store.create({ Name: 'nfs', Driver: 'nosuch' }));
    expect(driver.message).toBe('create nfs: error looking up volume plugin nosuch: plugin "nosuch" not found');
    expect(driver.kind).toBe('not-found');
    const option = await failure(store.create({ Name: 'opts', DriverOpts: { bogus: '1' } }));
    expect(option.message).toBe('create opts: invalid option: "bogus"');
    expect(await store.create({ Name: 'tmp', DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } })).toMatchObject({
      Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
    });
  });

  it('does not find a volume by a name that is a path', async () => {
    const { store, state } = await temporaryStore();
    mkdirSync(join(state, 'elsewhere'));
    writeFileSync(join(state, 'elsewhere', 'volume.json'), readFileSync(new URL(import.meta.url)));
    const error = await failure(store.inspect('../elsewhere'));
    expect(error.message).toBe('get ../elsewhere: no such volume');
    expect(error.kind).toBe('not-found');
  });

  it('lists by name with the name, label, driver and dangling filters', async () => {
    const { store } = await temporaryStore();
    await store.create({ Name: 'web-data', Labels: { project: 'demo', tier: 'web' } });
    await store.create({ Name: 'db-data', Labels: { project: 'demo', tier: 'db' } });
    await store.create({ Name: 'other' });
    const users = new Map([['db-data', ['c'.repeat(64)]]]);
    const names = async (filters: Record<string, string[]>): Promise<string[]> => (await store.list(filters, users)).map((volume) => volume.Name);
    expect(await names({})).toEqual(['db-data', 'other', 'web-data']);
    expect(await names({ label: ['project=demo'] })).toEqual(['db-data', 'web-data']);
    expect(await names({ label: ['project=demo', 'tier=web'] })).toEqual(['web-data']);
    expect(await names({ label: ['tier'] })).toEqual(['db-data', 'web-data']);
    expect(await names({ name: ['^w'] })).toEqual(['web-data']);
    expect(await names({ name: ['data'] })).toEqual(['db-data', 'web-data']);
    expect(await names({ dangling: ['true'] })).toEqual(['other', 'web-data']);
    expect(await names({ dangling: ['0'] })).toEqual(['db-data']);
    expect(await names({ driver: ['local'] })).toEqual(['db-data', 'other', 'web-data']);
    expect((await failure(store.list({ bogus: ['1'] }))).message).toBe("Invalid filter 'bogus'");
    expect((await failure(store.list({ dangling: ['maybe'] }))).message).toBe("Invalid filter 'dangling=[maybe]'");
  });

  it('removes an unused volume, and refuses one in use even when forced, as Docker does', async () => {
    const { store, state } = await temporaryStore();
    await store.create({ Name: 'busy' });
    await store.create({ Name: 'free' });
    const users = new Map([['busy', ['a'.repeat(64), 'b'.repeat(64)]]]);
    const inUse = await failure(store.remove('busy', { force: true, users }));
    expect(inUse.message).toBe(`remove busy: volume is in use - [${'a'.repeat(64)} ${'b'.repeat(64)}]`);
    expect(inUse.kind).toBe('conflict');
    await store.remove('free', { users });
    expect(readdirSync(join(state, 'volumes'))).toEqual(['busy']);
    expect((await failure(store.remove('free'))).message).toBe('get free: no such volume');
    await store.remove('free', { force: true });
  });

  it('prunes unused volumes only, with label and label! filters, and reports the bytes reclaimed', async () => {
    const { store } = await temporaryStore();
    await store.create({ Name: 'keep-me', Labels: { keep: 'yes' } });
    await store.create({ Name: 'used' });
    const big = await store.create({ Name: 'big', Labels: { size: 'big' } });
    writeFileSync(join(big.Mountpoint, 'blob'), Buffer.alloc(10_000));
    await store.create({ Name: 'small' });
    const users = new Map([['used', ['c'.repeat(64)]]]);
    expect(await store.prune({ label: ['size=big'] }, users)).toEqual({ VolumesDeleted: ['big'], SpaceReclaimed: 10_000 });
    expect(await store.prune({ 'label!': ['keep'] }, users)).toEqual({ VolumesDeleted: ['small'], SpaceReclaimed: 0 });
    expect(await store.prune({}, users)).toEqual({ VolumesDeleted: ['keep-me'], SpaceReclaimed: 0 });
    expect(await store.prune({}, users)).toEqual({ VolumesDeleted: null, SpaceReclaimed: 0 });
    expect((await store.list()).map((volume) => volume.Name)).toEqual(['used']);
    expect((await failure(store.prune({ dangling: ['true'] }))).message).toBe("Invalid filter 'dangling'");
  });

  it('sweeps half-made and half-removed volume directories when it opens, and never lists them', async () => {
    const { store, state } = await temporaryStore();
    await store.create({ Name: 'whole' });
    mkdirSync(join(state, 'volumes', '.create-0123456789ab', '_data'), { recursive: true });
    mkdirSync(join(state, 'volumes', '.remove-0123456789ab', '_data'), { recursive: true });
    expect((await store.list()).map((volume) => volume.Name)).toEqual(['whole']);
    await VolumeStore.open(state);
    expect(readdirSync(join(state, 'volumes'))).toEqual(['whole']);
  });
});
