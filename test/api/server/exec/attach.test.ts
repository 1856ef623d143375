import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { attachContainer } from '../../../../src/api/index.js';
import { describeAsRoot } from '../../../harness/root.js';
import { eventually } from '../../../runtime/containers/engine/engine-fixture.js';
import { useApiServer } from '../api-server-fixture.js';
import { api, collect, helpersUnder } from './stdio-helpers.js';

describeAsRoot('attach over the Engine API', () => {
  const server = useApiServer();
  const everything = { stdin: false, stdout: true, stderr: true, stream: true, logs: false, tty: false };

  it('waits for a created container to start, then streams its output until it exits (docker run)', async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', 'echo one; sleep 0.2; echo two >&2; printf "no newline"'] });
    const session = await attachContainer(server.endpoint(), '/v1.41', Id, everything);
    const output = collect(session);
    await containers.start(Id);
    const { stdout, stderr, chunks } = await output;
    expect([stdout, stderr]).toEqual(['one\nno newline', 'two\n']);
    // Framed per stream; which of two pipes written at once conmon reads first is its choice.
    expect(chunks[0]).toMatchObject({ stream: 'stdout', data: Buffer.from('one\n') });
    expect(await containers.wait(Id)).toMatchObject({ StatusCode: 0 });
  });

  it("relays the client's stdin to a container with OpenStdin, its end closing the container's stdin (StdinOnce)", async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', 'while read line; do echo "got $line"; done; echo bye'], OpenStdin: true, StdinOnce: true, AttachStdin: true });
    const session = await attachContainer(server.endpoint(), '/v1.41', Id, { ...everything, stdin: true, input: Readable.from(['alpha\n', 'beta\n']) });
    const output = collect(session);
    await containers.start(Id);
    expect((await output).stdout).toBe('got alpha\ngot beta\nbye\n');
    expect(await containers.wait(Id)).toMatchObject({ StatusCode: 0 });
  });

  it("gives a TTY container's output raw, prompt included, and its terminal the client's input", async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', 'printf "name? "; read name; echo "hello $name"'], Tty: true, OpenStdin: true, StdinOnce: true });
    const session = await attachContainer(server.endpoint(), '/v1.41', Id, { ...everything, stdin: true, tty: true });
    await containers.start(Id);
    const output = session.output[Symbol.asyncIterator]();
    let text = '';
    // The prompt has no newline: it arrives all the same.
    while (!text.includes('name? ')) text += (await output.next()).value!.data.toString();
    await session.write('berth\r');
    for (let next = await output.next(); !next.done; next = await output.next()) text += next.value.data.toString();
    expect(text).toBe('name? berth\r\nhello berth\r\n');
  });

  it('gives the past output first with logs=1, and only that without stream', async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', 'echo earlier; echo problem >&2'] });
    await containers.start(Id);
    await containers.wait(Id);
    const session = await attachContainer(server.endpoint(), '/v1.41', Id, { ...everything, stderr: false, stream: false, logs: true });
    expect(await collect(session)).toMatchObject({ stdout: 'earlier\n', stderr: '' });
  });

  it('answers 404 for an unknown container and 400 for detach keys Docker does not know', async () => {
    const missing = await api(server, 'POST', '/containers/nosuch/attach?stream=1&stdout=1');
    expect([missing.status, missing.json]).toEqual([404, { message: 'No such container: nosuch' }]);
    const { Id } = await server.parts().containers.create({ Image: await server.engine.image('busybox'), Cmd: ['true'] });
    const badKeys = await api(server, 'POST', `/containers/${Id}/attach?stream=1&detachKeys=ctrl-1`);
    expect([badKeys.status, badKeys.json]).toEqual([400, { message: 'Invalid detach keys (ctrl-1) provided' }]);
  });

  it('leaves no socat behind when an attached client goes away in the middle', async () => {
    const containers = server.parts().containers;
    const { Id } = await containers.create({ Image: await server.engine.image('busybox'), Cmd: ['sh', '-c', 'echo ready; cat'], OpenStdin: true });
    await containers.start(Id);
    const session = await attachContainer(server.endpoint(), '/v1.41', Id, { ...everything, stdin: true, logs: true });
    await session.write('echoed\n');
    const output = session.output[Symbol.asyncIterator]();
    let text = '';
    while (!text.includes('echoed\n')) text += (await output.next()).value!.data.toString();
    expect(text).toBe('ready\nechoed\n');
    expect(helpersUnder(server.engine.root)).toHaveLength(1);
    session.close();
    await eventually(() => helpersUnder(server.engine.root).length === 0 || undefined, 'the socat relay to go');
    // The container keeps running, its stdin open (OpenStdin without StdinOnce).
    expect(containers.inspect(Id).State.Running).toBe(true);
  });
});
