import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { StdioSession } from '../../../../src/api/index.js';
import type { StreamChunk } from '../../../../src/api/client/multiplexed-stream.js';
import { engineRequest, type EngineResponse } from '../../../harness/engine-http.js';
import type { ApiServerFixture } from '../api-server-fixture.js';

/** Everything a session's output carried, per stream, read to its end. */
export async function collect(session: StdioSession): Promise<{ stdout: string; stderr: string; chunks: StreamChunk[] }> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of session.output) chunks.push(chunk);
  const text = (stream: string): string => Buffer.concat(chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.data)).toString('utf8');
  return { stdout: text('stdout'), stderr: text('stderr'), chunks };
}

/** A JSON call to the fixture's API; the body parsed when there is one. */
export async function api(server: ApiServerFixture, method: string, path: string, json?: unknown): Promise<EngineResponse & { json: unknown }> {
  const response = await engineRequest(server.endpoint(), { method, path, ...(json === undefined ? {} : { json }) });
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = undefined;
  }
  return { ...response, json: parsed };
}

/**
 * A hijacking POST made by hand, as any client may: with `upgrade` it asks for `Upgrade: tcp`
 * and gets the socket after a 101; without, it reads the 200 raw answer. Resolves with the status
 * line's code, the headers and the raw socket (or response) to read the stream from.
 */
export function rawHijack(server: ApiServerFixture, path: string, body: unknown, upgrade: boolean): Promise<{ status: number; headers: Record<string, unknown>; stream: NodeJS.ReadableStream; socket: Socket }> {
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) };
  if (upgrade) Object.assign(headers, { Connection: 'Upgrade', Upgrade: 'tcp' });
  return new Promise((resolve, reject) => {
    const call = request({ socketPath: server.socketPath(), method: 'POST', path, headers, agent: false });
    call.on('upgrade', (response, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve({ status: response.statusCode!, headers: response.headers, stream: socket, socket });
    });
    call.on('response', (response) => resolve({ status: response.statusCode!, headers: response.headers, stream: response, socket: response.socket }));
    call.on('error', reject);
    call.end(payload);
  });
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

/** The helpers of exec and attach still alive: socat relays working in the engine's directories, `runc exec`, conmon in exec mode. */
export function helpersUnder(root: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state === 'Z' || Number(pid) === process.pid) continue;
      const inRoot = cmdline.includes(root) || readlinkSync(`/proc/${pid}/cwd`).startsWith(root);
      const helper = /^socat /.test(cmdline) || (/runc /.test(cmdline) && / exec /.test(cmdline)) || / --exec /.test(cmdline);
      if (inRoot && helper) found.push(`${pid}: ${cmdline}`);
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}
