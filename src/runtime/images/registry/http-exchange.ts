import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body that can be produced again, because a retried or redirected request sends it anew. */
export type ReplayableBody = Buffer | { readonly size: number; open(): Readable };

export interface Exchange {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: OutgoingHttpHeaders;
  readonly body?: ReplayableBody;
  /** Skip TLS certificate checks (insecure registries only). */
  readonly insecureTls: boolean;
  /** Socket inactivity limit. */
  readonly timeoutMs: number;
  /** Destroys the request, and the answer's body once it flows, when it aborts. */
  readonly signal?: AbortSignal;
}

/** A socket that stayed silent past the timeout: treated like a reset, so it is retried. */
class ExchangeTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(url: URL, timeoutMs: number) {
    super(`no data from ${url.host} for ${timeoutMs} ms`);
  }
}

/**
 * Sends one HTTP request and resolves once the answer's headers arrive, with the body unread.
 * The global agents keep connections alive (Node 20's default), so the many small requests of a
 * pull share a few sockets.
 */
export function exchange(request: Exchange): Promise<IncomingMessage> {
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: OutgoingHttpHeaders = { ...request.headers };
  if (request.body) headers['content-length'] = Buffer.isBuffer(request.body) ? request.body.length : request.body.size;
  else if (request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH') headers['content-length'] = 0;

  return new Promise((resolve, reject) => {
    const call = send(request.url, {
      method: request.method,
      headers,
      timeout: request.timeoutMs,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.url.protocol === 'https:' ? { rejectUnauthorized: !request.insecureTls } : {}),
    });
    call.on('timeout', () => call.destroy(new ExchangeTimeout(request.url, request.timeoutMs)));
    call.on('response', (response) => {
      // The timeout keeps guarding the body: a stalled blob download fails instead of hanging.
      response.socket.setTimeout(request.timeoutMs);
      resolve(response);
    });
    call.on('error', reject);
    const body = request.body;
    if (body === undefined) call.end();
    else if (Buffer.isBuffer(body)) call.end(body);
    else pipeline(body.open(), call).catch((error: unknown) => call.destroy(error instanceof Error ? error : new Error(String(error))));
  });
}

/** Reads a body whole, failing past `limit` bytes (answers meant to be small must stay small). */
export async function readBody(response: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      response.destroy();
      throw new BodyTooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** Reads and forgets a body so its keep-alive socket returns to the pool. */
export function drain(response: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    response.on('end', resolve).on('error', () => resolve()).on('close', resolve);
    response.resume();
  });
}
