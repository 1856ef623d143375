import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { ContainerRecords, kill, start } from '../../../../src/runtime/containers/records/index.js';
import { busyboxContainer, imageId, stateDirectory } from './record-fixtures.js';

function thrown(action: () => unknown): BerthError {
  try {
    action();
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a BerthError');
}

function create(records: ContainerRecords, name?: string, labels: Record<string, string> = {}, created?: Date): string {
  const reservation = records.reserve(name);
  return records.commit(reservation, busyboxContainer(labels, created)).Id;
}

describe('container records', () => {
  it('writes a created record that a new store on the same directory reads back whole', () => {
    const state = stateDirectory();
    const records = ContainerRecords.open(state);
    const reservation = records.reserve('web-1');
    const record = records.commit(reservation, busyboxContainer({ 'com.docker.compose.service': 'web' }, new Date('2024-01-02T03:04:05.6Z')));
    expect(record).toMatchObject({
      Id: reservation.id,
      Name: '/web-1',
      Created: '2024-01-02T03:04:05.6Z',
      Image: imageId,
      Config: { Image: 'busybox:latest', Cmd: ['sleep', '60'], Hostname: reservation.id.slice(0, 12), Labels: { 'com.docker.compose.service': 'web' } },
      State: { Status: 'created', Running: false, Pid: 0, ExitCode: 0, StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' },
      RestartCount: 0,
      LogPath: join(state, 'containers', reservation.id, `${reservation.id}-json.log`),
    });
    expect(record.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(state, 'containers', record.Id, 'container.json')).mode & 0o777).toBe(0o600);
    expect(ContainerRecords.open(state).find(record.Id)).toEqual(record);
  });

  it("refuses a name in use with Docker's conflict text, also while the first create is still under way", () => {
    const records = ContainerRecords.open(stateDirectory());
    const first = records.reserve('db');
    const conflict = thrown(() => records.reserve('/db'));
    expect(conflict.message).toBe(
      `Conflict. The container name "/db" is already in use by container "${first.id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
    expect(conflict.kind).toBe('conflict');
    records.release(first);
    const id = records.commit(records.reserve('db'), busyboxContainer());
    expect(thrown(() => records.reserve('db')).message).toContain(`by container "${id.Id}"`);
  });

  it.each(['a', '/a', 'b$', '-dash', 'has space'])("refuses the name %j with Docker's text", (name) => {
    const error = thrown(() => ContainerRecords.open(stateDirectory()).reserve(name));
    expect(error.message).toBe(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  });

  it('gives a container created without a name a Docker-style adjective_surname name', () => {
    const records = ContainerRecords.open(stateDirectory());
    const names = Array.from({ length: 30 }, () => records.find(create(records)).Name);
    for (const name of names) expect(name).toMatch(/^\/[a-z]+_[a-z]+\d?$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds a container by full id, by name with or without its slash, and by a unique id prefix', () => {
    const records = ContainerRecords.open(stateDirectory());
    const id = create(records, 'api');
    for (const reference of [id, 'api', '/api', id.slice(0, 12), id.slice(0, 1)]) expect(records.find(reference).Id).toBe(id);
    const missing = thrown(() => records.find('nosuch'));
    expect([missing.message, missing.kind]).toEqual(['No such container: nosuch', 'not-found']);
  });

  it('prefers an exact name over an id prefix, and says when a prefix is ambiguous', () => {
    const records = ContainerRecords.open(stateDirectory());
    const ids = Array.from({ length: 40 }, () => create(records));
    const shared = ids.map((id) => id[0]!).find((digit, index, all) => all.indexOf(digit) !== index)!;
    const ambiguous = thrown(() => records.find(shared));
    expect(ambiguous.message).toBe(`Multiple IDs found with provided prefix: ${shared}`);
    expect(ambiguous.hint).toContain('give more of the id');
    const named = create(records, `${ids[0]!.slice(0, 4)}`);
    expect(records.find(ids[0]!.slice(0, 4)).Id).toBe(named);
  });

  it('lists newest first, running only unless asked for all, with the filters Compose uses', () => {
    const records = ContainerRecords.open(stateDirectory());
    const web = create(records, 'demo-web-1', { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web' }, new Date('2024-01-01T00:00:03Z'));
    const db = create(records, 'demo-db-1', { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'db' }, new Date('2024-01-01T00:00:02Z'));
    const other = create(records, 'other', { 'com.docker.compose.project': 'else' }, new Date('2024-01-01T00:00:01Z'));
    records.apply(web, (record) => start(record, { pid: 10, at: new Date(), healthcheck: false }));
    const names = (options: Parameters<ContainerRecords['list']>[0]): string[] => records.list(options).map((record) => record.Name);
    expect(names({})).toEqual(['/demo-web-1']);
    expect(names({ all: true })).toEqual(['/demo-web-1', '/demo-db-1', '/other']);
    expect(names({ all: true, filters: { label: ['com.docker.compose.project=demo'] } })).toEqual(['/demo-web-1', '/demo-db-1']);
    expect(names({ all: true, filters: { label: ['com.docker.compose.project=demo', 'com.docker.compose.service=db'] } })).toEqual(['/demo-db-1']);
    expect(names({ all: true, filters: { label: ['com.docker.compose.service'] } })).toEqual(['/demo-web-1', '/demo-db-1']);
    expect(names({ all: true, filters: { name: ['^/demo-'] } })).toEqual(['/demo-web-1', '/demo-db-1']);
    expect(names({ all: true, filters: { name: ['db'] } })).toEqual(['/demo-db-1']);
    expect(names({ all: true, filters: { id: [db.slice(0, 10)] } })).toEqual(['/demo-db-1']);
    expect(names({ filters: { status: ['created'] } })).toEqual(['/demo-db-1', '/other']);
    expect(names({ all: true, filters: { status: ['running', 'exited'] } })).toEqual(['/demo-web-1']);
    expect(names({ all: true, filters: { ancestor: ['busybox'] } })).toEqual(['/demo-web-1', '/demo-db-1', '/other']);
    expect(names({ all: true, filters: { ancestor: [imageId.slice(7, 19)] } })).toHaveLength(3);
    expect(names({ all: true, filters: { ancestor: ['postgres'] } })).toEqual([]);
    expect(names({ all: true, filters: { health: ['none'], label: ['com.docker.compose.project=else'] } })).toEqual(['/other']);
    expect(other).toMatch(/^[0-9a-f]{64}$/);
    expect(thrown(() => records.list({ filters: { status: ['bogus'] } })).message).toBe("Invalid filter 'status=bogus'");
    expect(thrown(() => records.list({ filters: { foo: ['x'] } })).message).toBe("Invalid filter 'foo'");
    expect(thrown(() => records.list({ filters: { since: ['x'] } })).message).toContain("'since' is not supported");
  });

  it('writes each change through, so a new store sees the state the last change left', () => {
    const state = stateDirectory();
    const records = ContainerRecords.open(state);
    const id = create(records, 'worker');
    expect(records.apply(id, (record) => start(record, { pid: 321, at: new Date('2024-02-02T00:00:00Z'), healthcheck: true })).changed).toBe(true);
    records.apply(id, kill);
    expect(records.apply(id, (record) => start(record, { pid: 1, at: new Date(), healthcheck: false })).changed).toBe(false);
    const reread = ContainerRecords.open(state).find('worker');
    expect(reread.State).toMatchObject({ Status: 'running', Pid: 321, StartedAt: '2024-02-02T00:00:00Z', Health: { Status: 'starting' } });
    expect(reread.ManuallyStopped).toBe(true);
    expect(thrown(() => records.update(id, (record) => ({ ...record, Name: '/renamed' }))).code).toBe('RECORD_IDENTITY_CHANGED');
  });

  it('forgets a deleted container and frees its name', async () => {
    const state = stateDirectory();
    const records = ContainerRecords.open(state);
    const id = create(records, 'gone');
    await records.delete('gone');
    expect(readdirSync(join(state, 'containers'))).toEqual([]);
    expect(thrown(() => records.find(id)).kind).toBe('not-found');
    expect(create(records, 'gone')).not.toBe(id);
  });

  it('removes what a create that died before its first write left, keeps other strays, and sweeps temporary files', () => {
    const state = stateDirectory();
    const records = ContainerRecords.open(state);
    const id = create(records, 'kept');
    const died = join(state, 'containers', 'd'.repeat(64));
    mkdirSync(died);
    writeFileSync(join(died, `.container.json.${process.pid}.0a0b0c0d.tmp`), '{"Id": "half');
    const stray = join(state, 'containers', 'e'.repeat(64));
    mkdirSync(stray);
    writeFileSync(join(stray, 'config.json'), 'the engine wrote this');
    writeFileSync(join(state, 'containers', id, '.container.json.1.01020304.tmp'), '{"half": ');
    const reopened = ContainerRecords.open(state);
    expect(reopened.list({ all: true }).map((record) => record.Name)).toEqual(['/kept']);
    expect(readdirSync(join(state, 'containers')).sort()).toEqual([id, 'e'.repeat(64)].sort());
    expect(readdirSync(join(state, 'containers', id))).toEqual(['container.json']);
  });

  it('names the file and the fix when a record was changed by something else', () => {
    const state = stateDirectory();
    const id = create(ContainerRecords.open(state), 'edited');
    const file = join(state, 'containers', id, 'container.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"RestartCount":0', '"RestartCount":"zero"'));
    const error = thrown(() => ContainerRecords.open(state));
    expect(error.message).toBe(`the container record at ${file} cannot be read: missing or wrong: RestartCount`);
    expect(error.hint).toContain('remove its directory');
  });
});
