import { expect, it } from 'vitest';
import { startExec } from '../../../../src/api/index.js';
import { demultiplex } from '../../../../src/api/client/multiplexed-stream.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { api, collect, helpersUnder, rawHijack, readAll } from './stdio-helpers.js';

describeAsRoot('exec over the Engine API', () => {
  const server = useApiServer();

  async function runningContainer(): Promise<string> {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sleep', '1000'] });
    await containers.start(Id);
    return Id;
  }

  async function createExec(containerId: string, body: Record<string, unknown>): Promise<string> {
    const created = await api(server, 'POST', `/containers/${containerId}/exec`, body);
    expect(created.status).toBe(201);
    return (created.json as { Id: string }).Id;
  }

  it("streams an exec's stdout and stderr apart and gives its exit code to inspect", async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'], AttachStdout: true, AttachStderr: true, User: 'nobody' });
    const before = await api(server, 'GET', `/exec/${id}/json`);
    expect(before.json).toMatchObject({ ID: id, Running: false, ExitCode: null, ContainerID: container, Pid: 0 });

    const session = await startExec(server.endpoint(), '/v1.41', id, { tty: false });
    expect(await collect(session)).toMatchObject({ stdout: 'out\n', stderr: 'err\n' });

    const after = await api(server, 'GET', `/exec/${id}/json`);
    expect(after.json).toEqual({
      ID: id,
      Running: false,
      ExitCode: 3,
      ProcessConfig: { tty: false, entrypoint: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'], privileged: false, user: 'nobody' },
      OpenStdin: false,
      OpenStderr: true,
      OpenStdout: true,
      CanRemove: false,
      ContainerID: container,
      DetachKeys: '',
      Pid: expect.any(Number),
    });
    expect((after.json as { Pid: number }).Pid).toBeGreaterThan(0);
  });

  it('pipes stdin to cat, and the client half-closing its side ends it', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['cat'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const session = await startExec(server.endpoint(), '/v1.41', id, { tty: false });
    await session.write('first line\n');
    await session.write('second line\n');
    await session.end();
    expect((await collect(session)).stdout).toBe('first line\nsecond line\n');
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: false, ExitCode: 0 });
  });

  it('answers a client that does not upgrade with a 200 raw stream of frames', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['echo', 'plain'], AttachStdout: true });
    const answer = await rawHijack(server, `/v1.41/exec/${id}/start`, { Detach: false, Tty: false }, false);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    const chunks = [];
    for await (const chunk of demultiplex(answer.stream as AsyncIterable<Buffer>)) chunks.push(chunk);
    expect(chunks.map((chunk) => `${chunk.stream}:${chunk.data.toString()}`)).toEqual(['stdout:plain\n']);
  });

  it('upgrades a client that asks, with 101 and Upgrade: tcp', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['echo', 'upgraded'], AttachStdout: true });
    const answer = await rawHijack(server, `/exec/${id}/start`, { Detach: false, Tty: false }, true);
    expect(answer.status).toBe(101);
    expect(answer.headers).toMatchObject({ upgrade: 'tcp', connection: 'Upgrade', 'content-type': 'application/vnd.docker.raw-stream' });
    // One stdout frame, then the engine closes the connection.
    expect((await readAll(answer.stream)).toString('hex')).toBe(`0100000000000009${Buffer.from('upgraded\n').toString('hex')}`);
  });

  it("refuses an exec in a stopped container with Docker's 409 text, and an unknown one with 404", async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['true'] });
    const refused = await api(server, 'POST', `/containers/${Id}/exec`, { Cmd: ['true'], AttachStdout: true });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({ message: `Container ${Id} is not running` });
    expect((await api(server, 'POST', '/containers/nosuch/exec', { Cmd: ['true'] })).json).toEqual({ message: 'No such container: nosuch' });
    expect((await api(server, 'POST', `/containers/${Id}/exec`, { Cmd: [] })).json).toEqual({ message: 'No exec command specified' });
    const unknown = await api(server, 'GET', '/exec/0123/json');
    expect([unknown.status, unknown.json]).toEqual([404, { message: 'No such exec instance: 0123' }]);
  });

  it('refuses to start an exec whose container stopped since, and one already started', async () => {
    const container = await runningContainer();
    const ran = await createExec(container, { Cmd: ['true'] });
    await collect(await startExec(server.endpoint(), '/v1.41', ran, { tty: false }));
    expect((await api(server, 'POST', `/exec/${ran}/start`, { Detach: true })).json).toEqual({ message: `Error: Exec command ${ran} has already run` });
    const pending = await createExec(container, { Cmd: ['true'] });
    await server.parts().containers.kill(container);
    await server.parts().containers.wait(container);
    const refused = await api(server, 'POST', `/exec/${pending}/start`, { Detach: true });
    expect([refused.status, refused.json]).toEqual([404, { message: `No such exec instance: ${pending}` }]);
  });

  it('runs a detached exec in the background and answers 200 at once', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['sh', '-c', 'sleep 1; echo done > /tmp/detached'] });
    const started = await api(server, 'POST', `/exec/${id}/start`, { Detach: true, Tty: false });
    expect([started.status, started.body]).toEqual([200, '']);
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: true, ExitCode: null });
    await eventually(async () => ((await api(server, 'GET', `/exec/${id}/json`)).json as { Running: boolean }).Running === false || undefined, 'the detached exec to finish');
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ ExitCode: 0 });
    const check = await createExec(container, { Cmd: ['cat', '/tmp/detached'], AttachStdout: true });
    expect((await collect(await startExec(server.endpoint(), '/v1.41', check, { tty: false }))).stdout).toBe('done\n');
  });

  it('tells in the stream why a command could not start, and exits 126', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['no-such-command'], AttachStdout: true, AttachStderr: true });
    const { stdout } = await collect(await startExec(server.endpoint(), '/v1.41', id, { tty: false }));
    expect(stdout).toMatch(/no-such-command.*executable file not found in \$PATH\r\n$/);
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: false, ExitCode: 126 });
  });

  it('gives a TTY exec a terminal of the size the client asks, its output raw', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['sh', '-c', 'tty; read line; stty size; echo "$TERM"'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
    const session = await startExec(server.endpoint(), '/v1.41', id, { tty: true });
    expect((await api(server, 'POST', `/exec/${id}/resize?h=40&w=132`)).status).toBe(200);
    const output = session.output[Symbol.asyncIterator]();
    let stdout = '';
    while (!stdout.includes('\n')) stdout += (await output.next()).value!.data.toString();
    await session.write('go\r');
    for (let next = await output.next(); !next.done; next = await output.next()) stdout += next.value.data.toString();
    expect(stdout).toBe('/dev/pts/0\r\ngo\r\n40 132\r\nxterm\r\n');
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: false, ExitCode: 0, ProcessConfig: { tty: true } });
  });

  it('kills the process of a client that goes away mid-stream and leaves no runc behind', async () => {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['sh', '-c', 'echo started; sleep 1000'], AttachStdin: true, AttachStdout: true });
    const session = await startExec(server.endpoint(), '/v1.41', id, { tty: false });
    const first = await session.output[Symbol.asyncIterator]().next();
    expect(first.value?.data.toString()).toBe('started\n');
    session.close();
    await eventually(async () => ((await api(server, 'GET', `/exec/${id}/json`)).json as { ExitCode: number | null }).ExitCode === 137 || undefined, 'the exec to be killed');
    await eventually(() => helpersUnder(server.engine.root).length === 0 || undefined, 'no exec helper left');
  });

  /** A TTY shell exec that answered once, then was left with its detach keys (ctrl-x,x) until its stream ended. */
  async function shellDetachedByItsKeys(): Promise<{ container: string; id: string }> {
    const container = await runningContainer();
    const id = await createExec(container, { Cmd: ['sh'], AttachStdin: true, AttachStdout: true, Tty: true, DetachKeys: 'ctrl-x,x' });
    const session = await startExec(server.endpoint(), '/v1.41', id, { tty: true });
    await session.write('echo "in-$((40 + 2))"\r');
    const output = session.output[Symbol.asyncIterator]();
    let stdout = '';
    while (!stdout.includes('in-42')) stdout += (await output.next()).value!.data.toString();
    await session.write(Buffer.from([24, 0x78]));
    for (let next = await output.next(); !next.done; next = await output.next()) stdout += next.value.data.toString();
    return { container, id };
  }

  it('ends a TTY exec at the detach keys and leaves its process running', async () => {
    const { container, id } = await shellDetachedByItsKeys();
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: true, ExitCode: null, DetachKeys: Buffer.from([24, 0x78]).toString('base64') });
    await server.parts().containers.kill(container);
    await eventually(async () => ((await api(server, 'GET', `/exec/${id}/json`)).json as { Running: boolean }).Running === false || undefined, 'the shell to end with its container');
  });

  it('lets go of the stdin relay (socat) of a TTY exec its client left, while its process runs on', async () => {
    const { container, id } = await shellDetachedByItsKeys();
    const relays = (): string[] => helpersUnder(server.engine.root).filter((helper) => /^\d+: socat /.test(helper));
    await eventually(() => relays().length === 0 || undefined, 'the relay to go').catch(() => undefined);
    expect(relays()).toEqual([]);
    expect((await api(server, 'GET', `/exec/${id}/json`)).json).toMatchObject({ Running: true });
    await server.parts().containers.kill(container);
    await eventually(async () => ((await api(server, 'GET', `/exec/${id}/json`)).json as { Running: boolean }).Running === false || undefined, 'the shell to end with its container');
  });
});
