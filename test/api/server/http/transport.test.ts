import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BerthError } from '../../../../src/errors/index.js';
import { createApiServer, type Route } from '../../../../src/api/server/index.js';

const directory = mkdtempSync(join(tmpdir(), 'bhttp-'));
const socketPath = join(directory, 'api.sock');
const logged: string[] = [];

const routes: Route[] = [
  { method: 'GET', path: '/echo/{id}', handle: (call) => call.sendJson({ id: call.params.id, version: call.version, all: call.query.bool('all'), filters: call.query.filters() }) },
  { method: 'GET', path: '/images/{name*}/json', handle: (call) => call.sendJson({ name: call.params.name }) },
  { method: 'POST', path: '/things/{id}/start', handle: (call) => call.sendEmpty(call.params.id === 'running' ? 304 : 204) },
  { method: 'GET', path: '/missing/{id}', handle: () => { throw new BerthError({ code: 'X', kind: 'not-found', message: 'No such container: nope' }); } },
  { method: 'GET', path: '/broken', handle: () => { throw new Error('disk on fire'); } },
  { method: 'POST', path: '/body', handle: async (call) => call.sendJson(await call.json()) },
  {
    method: 'POST',
    path: '/exec/{id}/start',
    handle: async (call) => {
      const options = await call.json<{ Tty?: boolean }>();
      const { input, output } = call.hijack('application/vnd.docker.raw-stream');
      output.write(`tty=${options.Tty};`);
      input.on('data', (piece: Buffer) => output.write(piece.toString().toUpperCase()));
      input.on('end', () => output.end());
    },
  },
];

let server: Server;
beforeAll(async () => {
  server = createApiServer({ routes, apiVersion: '1.41', minApiVersion: '1.12', server: 'berth/test (linux)', log: (line) => logged.push(line) });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

function call(method: string, path: string, body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath, method, path }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (piece: string) => (text += piece));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the Engine API transport', () => {
  test('a versioned path reaches the same handler and tells it the version', async () => {
    const answer = await call('GET', '/v1.40/echo/abc');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: 'abc', version: '1.40' });
    expect(JSON.parse((await call('GET', '/echo/abc')).body)).toMatchObject({ version: '1.41' });
  });

  test('every answer names the API version, the OS type and the server', async () => {
    const { headers } = await call('GET', '/echo/x');
    expect(headers).toMatchObject({ 'api-version': '1.41', ostype: 'linux', server: 'berth/test (linux)' });
  });

  test('a client newer or older than the engine gets dockerd\'s 400 text', async () => {
    const newer = await call('GET', '/v1.45/echo/x');
    expect(newer.status).toBe(400);
    expect(JSON.parse(newer.body)).toEqual({ message: 'client version 1.45 is too new. Maximum supported API version is 1.41' });
    expect(JSON.parse((await call('GET', '/v1.9/echo/x')).body).message).toMatch(/^client version 1.9 is too old. Minimum supported API version is 1.12/);
  });

  test('booleans and filters are read as leniently as dockerd reads them', async () => {
    for (const value of ['1', 'true', 'True']) expect(JSON.parse((await call('GET', `/echo/x?all=${value}`)).body).all).toBe(true);
    for (const value of ['0', 'false', 'no', '']) expect(JSON.parse((await call('GET', `/echo/x?all=${value}`)).body).all).toBe(false);
    const listed = encodeURIComponent('{"label":["a=b"]}');
    const mapped = encodeURIComponent('{"label":{"a=b":true,"c":false}}');
    expect(JSON.parse((await call('GET', `/echo/x?filters=${listed}`)).body).filters).toEqual({ label: ['a=b'] });
    expect(JSON.parse((await call('GET', `/echo/x?filters=${mapped}`)).body).filters).toEqual({ label: ['a=b'] });
    const broken = await call('GET', `/echo/x?filters=${encodeURIComponent('{label')}`);
    expect(broken.status).toBe(400);
  });

  test('an image name keeps its slashes and port', async () => {
    const answer = await call('GET', '/images/localhost:5000/library/busybox:1/json');
    expect(JSON.parse(answer.body)).toEqual({ name: 'localhost:5000/library/busybox:1' });
  });

  test('errors carry Docker\'s status and a message; an unknown path is 404 page not found', async () => {
    const missing = await call('GET', '/missing/nope');
    expect([missing.status, JSON.parse(missing.body)]).toEqual([404, { message: 'No such container: nope' }]);
    const unknown = await call('GET', '/nowhere');
    expect([unknown.status, JSON.parse(unknown.body)]).toEqual([404, { message: 'page not found' }]);
    const broken = await call('GET', '/broken');
    expect([broken.status, JSON.parse(broken.body)]).toEqual([500, { message: 'disk on fire' }]);
    expect(logged.some((line) => line.includes('disk on fire'))).toBe(true);
  });

  test('a 304 is an answer without a body', async () => {
    expect((await call('POST', '/things/running/start')).status).toBe(304);
    expect((await call('POST', '/things/stopped/start')).status).toBe(204);
  });

  test('an empty body is {} and a body that is not JSON is a 400', async () => {
    expect(JSON.parse((await call('POST', '/body')).body)).toEqual({});
    expect((await call('POST', '/body', '{nope')).status).toBe(400);
  });

  test('an upgraded exec start reads its JSON body, answers 101 and relays the raw stream both ways', async () => {
    const socket = connect(socketPath);
    const body = '{"Detach":false,"Tty":true}';
    socket.write(`POST /v1.41/exec/abc/start HTTP/1.1\r\nHost: engine\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}hello`);
    socket.end();
    let received = '';
    for await (const piece of socket) received += String(piece);
    expect(received).toMatch(/^HTTP\/1.1 101 UPGRADED\r\n/);
    expect(received).toContain('Upgrade: tcp\r\n');
    expect(received.split('\r\n\r\n')[1]).toBe('tty=true;HELLO');
  });
});
