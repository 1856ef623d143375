import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/api/client/engine-error.js';
import { hijack } from '../../../src/api/client/hijack.js';
import { stdioSession } from '../../../src/api/client/hijack-session.js';
import { frame } from '../../../src/api/client/multiplexed-stream.js';
import { BerthError } from '../../../src/errors/berth-error.js';
import { startFakeEngine, type FakeEngine, type FakeHandler, type ReceivedRequest } from './fake-hijack-engine.js';

const upgradedHead = 'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';
const plainHead = 'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

async function withEngine(handler: FakeHandler): Promise<FakeEngine> {
  engine = await startFakeEngine(handler);
  return engine;
}

async function readAll(output: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of output) text += chunk.toString('utf8');
  return text;
}

/** An engine that echoes stdin back until the client half-closes, then says so and closes. */
function echoUntilEnd(head: string, seen?: (request: ReceivedRequest) => void): FakeHandler {
  return (request, connection) => {
    seen?.(request);
    connection.write(head);
    connection.on('data', (chunk: Buffer) => connection.write(chunk));
    connection.on('end', () => connection.end('[stdin closed]'));
  };
}

describe('hijack', () => {
  it('asks for an upgrade to tcp and sends the JSON body', async () => {
    let received: ReceivedRequest | undefined;
    const { endpoint } = await withEngine(echoUntilEnd(upgradedHead, (request) => (received = request)));
    const stream = await hijack(endpoint, { method: 'POST', path: '/v1.41/exec/abc/start', body: { Detach: false, Tty: false } });
    await stream.end();
    await readAll(stream.output);
    expect(received?.head).toMatch(/^POST \/v1\.41\/exec\/abc\/start HTTP\/1\.1\r\n/);
    expect(received?.head).toMatch(/\r\nConnection: Upgrade\r\n/i);
    expect(received?.head).toMatch(/\r\nUpgrade: tcp\r\n/i);
    expect(JSON.parse(received?.body ?? '')).toEqual({ Detach: false, Tty: false });
  });

  it('keeps the output bytes that arrive in the same packet as a 101 answer', async () => {
    const { endpoint } = await withEngine((_request, connection) => connection.end(`${upgradedHead}early bytes`));
    const stream = await hijack(endpoint, { method: 'POST', path: '/v1.41/containers/c/attach?stream=1' });
    expect(stream.upgraded).toBe(true);
    expect(stream.contentType).toBe('application/vnd.docker.raw-stream');
    expect(await readAll(stream.output)).toBe('early bytes');
  });

  it('sends stdin over an upgraded connection and half-closes it so the engine sees end-of-file', async () => {
    const { endpoint } = await withEngine(echoUntilEnd(upgradedHead));
    const stream = await hijack(endpoint, { method: 'POST', path: '/v1.41/exec/abc/start' });
    await stream.write('hello ');
    await stream.end();
    expect(await readAll(stream.output)).toBe('hello [stdin closed]');
  });

  it('accepts a plain 200 raw stream from an engine that does not upgrade, stdin included', async () => {
    const { endpoint } = await withEngine(echoUntilEnd(plainHead));
    const stream = await hijack(endpoint, { method: 'POST', path: '/v1.41/exec/abc/start' });
    expect(stream.upgraded).toBe(false);
    await stream.write('hello ');
    await stream.end();
    expect(await readAll(stream.output)).toBe('hello [stdin closed]');
  });

  it("turns an error answer into an error carrying Docker's message and the request", async () => {
    const body = '{"message":"No such exec instance: abc"}';
    const { endpoint } = await withEngine((_request, connection) =>
      connection.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    );
    const error = await hijack(endpoint, { method: 'POST', path: '/v1.41/exec/abc/start' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ status: 404, engineMessage: 'No such exec instance: abc', kind: 'not-found', method: 'POST', path: '/v1.41/exec/abc/start' });
  });

  it('says which engine it could not reach', async () => {
    const endpoint = { kind: 'unix', socketPath: '/tmp/berth-no-such-engine.sock' } as const;
    const error = await hijack(endpoint, { method: 'POST', path: '/v1.41/exec/abc/start' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('ENGINE_UNAVAILABLE');
    expect((error as BerthError).message).toContain('unix:///tmp/berth-no-such-engine.sock');
  });

  it('lets a session end its output quietly when closed mid-iteration', async () => {
    const { endpoint } = await withEngine((_request, connection) => connection.write(`${upgradedHead}${frame('stdout', 'first').toString('latin1')}`));
    const session = stdioSession(await hijack(endpoint, { method: 'POST', path: '/v1.41/containers/c/attach?stream=1' }), false, 'container c');
    const chunks: string[] = [];
    for await (const chunk of session.output) {
      chunks.push(chunk.data.toString('utf8'));
      session.close();
    }
    expect(chunks).toEqual(['first']);
  });
});
