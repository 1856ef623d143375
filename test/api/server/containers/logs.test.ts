import { readdirSync, readlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { demultiplex } from '../../../../src/api/client/multiplexed-stream.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { rawCall, rawStream, readAll } from './raw-api.js';

describeAsRoot('the containers routes: logs', () => {
  const server = useApiServer();
  const call = (method: string, path: string, json?: unknown) => rawCall(server.socketPath(), method, path, json === undefined ? {} : { json });

  async function started(command: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const answer = await call('POST', '/containers/create', { Image: await server.engine.image('busybox'), Cmd: command, ...extra });
    const { Id } = answer.json<{ Id: string }>();
    expect((await call('POST', `/containers/${Id}/start`)).status).toBe(204);
    return Id;
  }

  async function exited(command: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const id = await started(command, extra);
    await call('POST', `/containers/${id}/wait`);
    return id;
  }

  async function streams(body: Buffer): Promise<{ stdout: string; stderr: string }> {
    const seen = { stdout: '', stderr: '' };
    for await (const chunk of demultiplex(Readable.from([body]))) if (chunk.stream !== 'stdin') seen[chunk.stream] += chunk.data.toString();
    return seen;
  }

  test('logs come framed by stream, as asked, and not at all for neither stream', async () => {
    const id = await exited(['sh', '-c', 'echo out; echo err >&2; echo more']);
    const both = await call('GET', `/v1.41/containers/${id}/logs?stdout=1&stderr=1`);
    expect(both.status).toBe(200);
    expect(both.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    expect(await streams(both.body)).toEqual({ stdout: 'out\nmore\n', stderr: 'err\n' });
    expect(await streams((await call('GET', `/containers/${id}/logs?stdout=1`)).body)).toEqual({ stdout: 'out\nmore\n', stderr: '' });
    const neither = await call('GET', `/containers/${id}/logs`);
    expect([neither.status, neither.message()]).toEqual([400, 'Bad parameters: you must choose at least one stream']);
  });

  test('tail keeps the last lines, and all or nothing given means every line', async () => {
    const id = await exited(['sh', '-c', 'echo 1; echo 2; echo 3']);
    const tail = async (value: string): Promise<string> => (await streams((await call('GET', `/containers/${id}/logs?stdout=1${value}`)).body)).stdout;
    expect(await tail('&tail=2')).toBe('2\n3\n');
    expect(await tail('&tail=0')).toBe('');
    expect(await tail('&tail=all')).toBe('1\n2\n3\n');
    expect(await tail('&tail=')).toBe('1\n2\n3\n');
  });

  test('timestamps lead each line, and since after the last line leaves nothing', async () => {
    const id = await exited(['sh', '-c', 'echo one; echo two']);
    const stamped = (await streams((await call('GET', `/containers/${id}/logs?stdout=1&timestamps=1`)).body)).stdout;
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z one\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z two\n$/);
    const later = `${Math.floor(Date.now() / 1000) + 5}.000000000`;
    expect((await call('GET', `/containers/${id}/logs?stdout=1&since=${later}`)).body.length).toBe(0);
  });

  test('a container that never ran has an empty log, followed or not', async () => {
    const { Id } = (await call('POST', '/containers/create', { Image: await server.engine.image('busybox'), Cmd: ['true'] })).json<{ Id: string }>();
    for (const query of ['stdout=1', 'stdout=1&follow=1']) {
      const answer = await call('GET', `/containers/${Id}/logs?${query}`);
      expect([answer.status, answer.body.length]).toEqual([200, 0]);
    }
  });

  test('a TTY container\'s log is raw, not framed', async () => {
    const id = await exited(['sh', '-c', 'echo hello'], { Tty: true });
    const answer = await call('GET', `/containers/${id}/logs?stdout=1&stderr=1`);
    expect(answer.text()).toBe('hello\r\n');
  });

  test('following ends when the container exits, with all it wrote', async () => {
    const id = await started(['sh', '-c', 'echo one; sleep 1; echo two']);
    const followed = await rawStream(server.socketPath(), 'GET', `/containers/${id}/logs?stdout=1&stderr=1&follow=1`);
    expect(await streams(await readAll(followed))).toEqual({ stdout: 'one\ntwo\n', stderr: '' });
  });

  test('a follow the client leaves stops reading the log and holds nothing', async () => {
    const id = await started(['sh', '-c', 'while true; do echo tick; sleep 0.2; done']);
    const logPath = (await call('GET', `/containers/${id}/json`)).json<{ LogPath: string }>().LogPath;
    const followed = await rawStream(server.socketPath(), 'GET', `/containers/${id}/logs?stdout=1&follow=1`);
    for await (const piece of followed as AsyncIterable<Buffer>) if (piece.toString('latin1').includes('tick')) break;
    expect(openedByUs(logPath)).toBeGreaterThan(0);
    followed.destroy();
    await eventually(() => openedByUs(logPath) === 0, 'the engine to close the log it followed');
    expect(server.logged).toEqual([]);
  });
});

/** How many of this process's descriptors are open on `path` (or its rotated siblings). */
function openedByUs(path: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(path)) count += 1;
    } catch {
      // closed while we looked
    }
  }
  return count;
}
