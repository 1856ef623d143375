import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { ContainerPathStat } from '../../../../src/api/types/containers.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { listTar, rawCall, rawStream, tarOf, type RawAnswer, type TarMember } from './raw-api.js';

const goDirectory = 2 ** 31;
const goSymlink = 2 ** 27;

describeAsRoot('the containers routes: archive (docker cp)', () => {
  const server = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawCall(server.socketPath(), method, path, json === undefined ? {} : { json });
  const put = (id: string, path: string, members: readonly TarMember[], query = '') =>
    rawCall(server.socketPath(), 'PUT', `/v1.41/containers/${id}/archive?path=${encodeURIComponent(path)}${query}`, { body: tarOf(members) });
  const get = (id: string, path: string) => call('GET', `/v1.41/containers/${id}/archive?path=${encodeURIComponent(path)}`);
  const stat = (answer: RawAnswer): ContainerPathStat => JSON.parse(Buffer.from(String(answer.headers['x-docker-container-path-stat']), 'base64').toString()) as ContainerPathStat;

  async function created(command: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const answer = await call('POST', '/containers/create', { Image: await server.engine.image('busybox'), Cmd: command, ...extra });
    expect(answer.status, answer.text()).toBe(201);
    return answer.json<{ Id: string }>().Id;
  }

  test('HEAD stats a path with Docker\'s header: a directory, a link and where it leads, a missing path', async () => {
    const id = await created(['true']);
    const etc = await call('HEAD', `/containers/${id}/archive?path=/etc`);
    expect(etc.status).toBe(200);
    expect(stat(etc)).toMatchObject({ name: 'etc', mode: goDirectory + 0o755, linkTarget: '' });
    const sh = stat(await call('HEAD', `/containers/${id}/archive?path=/bin/sh`));
    expect(sh).toMatchObject({ name: 'sh', mode: goSymlink + 0o777, linkTarget: '/bin/busybox' });
    const missing = await call('HEAD', `/containers/${id}/archive?path=/no/such`);
    expect(missing.status).toBe(404);
    const missingGet = await get(id, '/no/such');
    expect([missingGet.status, missingGet.message()]).toEqual([404, `Could not find the file /no/such in container ${id}`]);
    const noPath = await call('HEAD', `/containers/${id}/archive`);
    expect(noPath.status).toBe(400);
  });

  test('a tar PUT into a stopped container comes back from GET, named after the path, and the root is unmounted after', async () => {
    const id = await created(['true']);
    const answer = await put(id, '/tmp', [
      { path: 'copied/', type: 'Directory', mode: 0o750 },
      { path: 'copied/hello.txt', content: 'hello from the archive\n', mode: 0o640, uid: 1234, gid: 99 },
      { path: 'copied/link', type: 'SymbolicLink', linkpath: 'hello.txt' },
      { path: 'copied/hard', type: 'Link', linkpath: 'copied/hello.txt' },
    ]);
    expect(answer.status, answer.text()).toBe(200);
    const fetched = await get(id, '/tmp/copied');
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-type']).toBe('application/x-tar');
    expect(stat(fetched)).toMatchObject({ name: 'copied', mode: goDirectory + 0o750 });
    const members = await listTar(fetched.body);
    expect(members.map(({ path, type, linkpath }) => [path, type, linkpath ?? ''])).toEqual([
      ['copied/', 'Directory', ''],
      ['copied/hard', 'File', ''],
      ['copied/hello.txt', 'Link', 'copied/hard'],
      ['copied/link', 'SymbolicLink', 'hello.txt'],
    ]);
    expect(members[1]).toMatchObject({ content: 'hello from the archive\n', mode: 0o640, uid: 1234 });
    const file = await get(id, '/tmp/copied/hello.txt');
    expect((await listTar(file.body)).map((member) => [member.path, member.content])).toEqual([['hello.txt', 'hello from the archive\n']]);
    const contents = await get(id, '/tmp/copied/.');
    expect((await listTar(contents.body)).map((member) => member.path)).toEqual(['./', './hard', './hello.txt', './link']);
    // The stopped container's root was mounted for each call only, until the last tar was read.
    await eventually(() => !readFileSync('/proc/self/mountinfo', 'utf8').includes(id), 'the stopped container\'s root to be unmounted');
  });

  test('a copy reaches a stopped container\'s volume, where the container then reads it, and a read-only mount is refused', async () => {
    const id = await created(['cat', '/data/note.txt'], { Volumes: { '/data': {} } });
    const answer = await put(id, '/', [{ path: 'data/note.txt', content: 'in the volume\n' }]);
    expect(answer.status, answer.text()).toBe(200);
    const volume = (await call('GET', `/containers/${id}/json`)).json<{ Mounts: { Destination: string; Source: string }[] }>().Mounts.find((mount) => mount.Destination === '/data')!;
    expect(readFileSync(join(volume.Source, 'note.txt'), 'utf8')).toBe('in the volume\n');
    await call('POST', `/containers/${id}/start`);
    expect((await call('POST', `/containers/${id}/wait`)).json()).toEqual({ Error: null, StatusCode: 0 });
    const log = await call('GET', `/containers/${id}/logs?stdout=1`);
    expect(log.body.subarray(8).toString()).toBe('in the volume\n');

    const source = mkdtempSync(join(tmpdir(), 'berth-archive-ro-'));
    try {
      const readOnly = await created(['true'], { HostConfig: { Binds: [`${source}:/ro:ro`] } });
      const refused = await put(readOnly, '/ro', [{ path: 'x', content: 'no' }]);
      expect([refused.status, refused.message()]).toEqual([400, 'mounted volume is marked read-only']);
      // A member that would land in it through the parent directory is refused the same way.
      const through = await put(readOnly, '/', [{ path: 'ro/y', content: 'no' }]);
      expect([through.status, through.message()]).toEqual([400, 'mounted volume is marked read-only']);
      expect(readdirSync(source)).toEqual([]);
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
  });

  test('a running container gets the copy where its processes see it, in its volume too, and its /etc/hosts is the one it has', async () => {
    const id = await created(['sleep', '300'], { Volumes: { '/data': {} } });
    await call('POST', `/containers/${id}/start`);
    expect((await put(id, '/root', [{ path: 'live.txt', content: 'while running\n' }])).status).toBe(200);
    expect((await put(id, '/data', [{ path: 'sub/', type: 'Directory' }, { path: 'sub/volume.txt', content: 'in the live volume\n' }])).status).toBe(200);
    expect(await server.engine.engine().exec(id, { Cmd: ['cat', '/root/live.txt', '/data/sub/volume.txt'] })).toMatchObject({ exitCode: 0, stdout: 'while running\nin the live volume\n' });
    expect(stat(await call('HEAD', `/containers/${id}/archive?path=/data/sub/volume.txt`))).toMatchObject({ name: 'volume.txt', size: 19 });
    const hosts = await listTar((await get(id, '/etc/hosts')).body);
    expect(hosts[0]!.content).toContain(id.slice(0, 12));
  });

  test('members that would escape are refused, and links in the container lead only within it', async () => {
    const id = await created(['true']);
    for (const [member, reason] of [
      [{ path: '../escape.txt', content: 'x' }, 'its name climbs out of the destination with ".."'],
      [{ path: '/etc/escape.txt', content: 'x' }, 'it has an absolute name'],
      [{ path: 'out', type: 'SymbolicLink', linkpath: '../../..' }, 'it is a symbolic link to ../../.., outside the destination'],
      [{ path: 'hard', type: 'Link', linkpath: '/etc/shadow' }, 'it is a hard link to the absolute path /etc/shadow'],
      [{ path: 'null', type: 'CharacterDevice' }, 'it is a device node, which berth does not make in a container from an archive'],
    ] as const) {
      const refused = await put(id, '/tmp', [member]);
      expect([refused.status, refused.message()]).toEqual([400, `refusing the archive member ${JSON.stringify(member.path)}: ${reason}`]);
    }
    // A link the container holds to `/` is the container's root, never the host's.
    const marker = `berth-archive-escape-${Date.now()}`;
    expect((await put(id, '/tmp', [{ path: 'root', type: 'SymbolicLink', linkpath: '/' }])).status).toBe(200);
    expect((await put(id, '/tmp', [{ path: `root/${marker}`, content: 'stays inside' }])).status).toBe(200);
    expect(existsSync(`/${marker}`)).toBe(false);
    expect((await listTar((await get(id, `/${marker}`)).body))[0]!.content).toBe('stays inside');
    expect((await put(id, '/tmp/root/', [{ path: 'through-link', content: 'also inside' }])).status).toBe(200);
    expect(existsSync('/through-link')).toBe(false);
    expect(stat(await call('HEAD', `/containers/${id}/archive?path=/through-link`)).name).toBe('through-link');
  });

  test('a large file makes the round trip whole, and a download the client leaves lets the container go', async () => {
    const id = await created(['true']);
    const content = randomBytes(6 * 1024 * 1024).toString('base64');
    expect((await put(id, '/tmp', [{ path: 'big.txt', content }])).status).toBe(200);
    const whole = await listTar((await get(id, '/tmp/big.txt')).body);
    expect(createHash('sha256').update(whole[0]!.content).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    const download = await rawStream(server.socketPath(), 'GET', `/containers/${id}/archive?path=/tmp`);
    for await (const piece of download as AsyncIterable<Buffer>) if (piece.length > 0) break;
    download.destroy();
    await eventually(() => !readFileSync('/proc/self/mountinfo', 'utf8').includes(id), 'the container\'s root to be unmounted once the client left');
    // The container is no longer held: its lifecycle goes on.
    expect((await call('POST', `/containers/${id}/start`)).status).toBe(204);
    expect(server.logged).toEqual([]);
  });

  test('PUT onto a file or with a directory over a file is refused with Docker\'s texts', async () => {
    const id = await created(['true']);
    const notDirectory = await put(id, '/etc/passwd', [{ path: 'x', content: 'x' }]);
    expect([notDirectory.status, notDirectory.message()]).toEqual([400, 'extraction point is not a directory']);
    const clash = await put(id, '/etc', [{ path: 'passwd/', type: 'Directory' }], '&noOverwriteDirNonDir=true');
    expect([clash.status, clash.message()]).toEqual([409, 'cannot overwrite non-directory "/etc/passwd" with directory "/etc"']);
    const missing = await put(id, '/nowhere', [{ path: 'x', content: 'x' }]);
    expect([missing.status, missing.message()]).toEqual([404, `Could not find the file /nowhere in container ${id}`]);
  });
});
