import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { finished, type Readable } from 'node:stream';
import { BerthError } from '../../errors/berth-error.js';
import { formatEndpoint, type EngineEndpoint } from '../endpoint.js';
import { engineErrorFrom } from './engine-error.js';
import { engineUnavailable } from './engine-unavailable.js';

/**
 * Hijacked connections: `attach` and `exec start` turn their HTTP connection into a raw two-way
 * byte stream. The client asks with `Connection: Upgrade` and `Upgrade: tcp`; an engine that
 * honours it answers `101 UPGRADED`, one that does not answers a plain `200` and streams anyway
 * (DESIGN.md section 6). Either way, after the status line the connection carries the process's
 * output one way (framed, or raw with a TTY: see multiplexed-stream.ts) and its stdin the other.
 */
export interface HijackRequest {
  method: 'POST';
  /** Path and query, already prefixed with the API version: `/v1.41/exec/ID/start`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface HijackedStream {
  /** The engine's bytes after the status line. Breaking out of a `for await` over it closes the connection. */
  readonly output: Readable;
  /** True for a 101 answer, false for a plain 200 raw stream. */
  readonly upgraded: boolean;
  /** The answer's Content-Type: `application/vnd.docker.raw-stream` from API 1.41 engines. */
  readonly contentType: string | undefined;
  /** Sends bytes to the process's stdin; resolves once they are handed to the kernel. */
  write(data: Buffer | string): Promise<void>;
  /**
   * Half-closes the connection: the engine reads end-of-file and closes the process's stdin, so a
   * command reading it to the end (`cat`, `read`) finishes, while its output keeps coming.
   */
  end(): Promise<void>;
  /** Drops the connection at once, both ways; an iteration over `output` in progress just ends. */
  close(): void;
  /** True once close() was called, so readers can tell a deliberate close from a broken stream. */
  readonly closed: boolean;
}

const maxErrorBody = 64 * 1024;

export function hijack(endpoint: EngineEndpoint, hijackRequest: HijackRequest): Promise<HijackedStream> {
  const { method, path } = hijackRequest;
  const payload = hijackRequest.body === undefined ? undefined : Buffer.from(JSON.stringify(hijackRequest.body), 'utf8');
  const headers: Record<string, string> = {
    ...hijackRequest.headers,
    Connection: 'Upgrade',
    Upgrade: 'tcp',
  };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  const target = endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };

  return new Promise((resolve, reject) => {
    let settled = false;
    // agent: false: the connection becomes the stream's alone and never returns to a pool.
    const call = httpRequest({ ...target, agent: false, method, path, headers });

    call.on('upgrade', (response: IncomingMessage, socket: Socket, head: Buffer) => {
      settled = true;
      if (head.length > 0) socket.unshift(head);
      resolve(streamOver(socket, socket, true, response, describe()));
    });

    call.on('response', (response: IncomingMessage) => {
      if (response.statusCode === 200) {
        settled = true;
        resolve(streamOver(response, response.socket, false, response, describe()));
        return;
      }
      readErrorBody(response).then(
        (body) => fail(engineErrorFrom(response.statusCode ?? 0, body, { method, path })),
        (cause: unknown) => fail(engineUnavailable(endpoint, cause)),
      );
    });

    call.on('error', (cause) => {
      // After the handshake the stream's own error handling takes over (see streamOver).
      if (!settled) fail(engineUnavailable(endpoint, cause));
    });

    call.end(payload);

    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      call.destroy();
      reject(error);
    }
    function describe(): string {
      return `${method} ${path} on ${formatEndpoint(endpoint)}`;
    }
  });
}

function streamOver(output: Readable, socket: Socket, upgraded: boolean, response: IncomingMessage, description: string): HijackedStream {
  let closed = false;
  // Typed stdin goes out at once instead of waiting to fill a TCP segment.
  socket.setNoDelay(true);
  // Without a listener a connection reset would crash the process; readers see the error through `output`.
  socket.on('error', () => undefined);
  if (output !== socket) output.on('error', () => undefined);

  const broken = (cause: unknown): BerthError =>
    new BerthError({
      code: 'ENGINE_STREAM_BROKEN',
      kind: 'unavailable',
      message: `the connection for ${description} broke while sending stdin: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'the process or the engine may have exited; read the exit code from exec inspect or container wait',
      cause,
    });

  return {
    output,
    upgraded,
    contentType: response.headers['content-type'],
    get closed() {
      return closed;
    },
    write: (data) => new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(broken(error)) : resolve()))),
    end: () =>
      new Promise((resolve, reject) => {
        if (socket.writableFinished) return resolve();
        finished(socket, { readable: false }, (error) => (error ? reject(broken(error)) : resolve()));
        socket.end();
      }),
    close: () => {
      closed = true;
      socket.destroy();
      if (output !== socket) output.destroy();
    },
  };
}

function readErrorBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < maxErrorBody) chunks.push(chunk);
      size += chunk.length;
    });
    response.on('end', () => resolve(Buffer.concat(chunks).subarray(0, maxErrorBody).toString('utf8')));
    response.on('error', reject);
  });
}
