import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { BerthError } from '../../errors/berth-error.js';
import type { FailedRequest } from './engine-error.js';
import type { Query } from './query.js';
import type { HttpMethod, RequestBody } from './transport.js';

/** One Engine API call, as the resource modules describe it. */
export interface EngineRequest {
  method: HttpMethod;
  /** The path without the version prefix: `/containers/json`. The client adds `/v1.NN`. */
  path: string;
  query?: Query;
  body?: RequestBody;
  headers?: OutgoingHttpHeaders;
  signal?: AbortSignal;
  /** How long to wait for the answer's headers; no limit by default (waits and streams are long). */
  timeoutMs?: number;
}

/**
 * The one request primitive the resource modules (containers.ts, images.ts, ...) build on.
 * Every method throws an EngineError for an error status (>= 300, so 304 too) with Docker's
 * message, and an `unavailable` BerthError when the engine cannot be reached.
 */
export interface EngineRequester {
  /** The answer once its headers arrive, body unread: for raw streams (logs, archives). */
  request(request: EngineRequest): Promise<IncomingMessage>;
  /** The answer's body parsed as JSON. */
  requestJson<T>(request: EngineRequest): Promise<T>;
  /** For calls that answer 204 or whose body berth does not need; the body is drained. */
  requestEmpty(request: EngineRequest): Promise<void>;
  /** The answer's streamed JSON objects (see streamJsonLines), requested when iteration starts. */
  requestJsonStream<T>(request: EngineRequest): AsyncGenerator<T, void, undefined>;
}

/** Bodies berth buffers (inspect, lists) stay far below this; more means something is wrong. */
const maxBufferedBody = 256 * 1024 * 1024;

/** Reads a whole answer as text, refusing to buffer without a bound. */
export async function readText(response: IncomingMessage, request: FailedRequest, limit = maxBufferedBody): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > limit) {
        response.destroy();
        throw new BerthError({
          code: 'ENGINE_ANSWER_TOO_LARGE',
          kind: 'internal',
          message: `the engine's answer to ${request.method} ${request.path} is larger than ${limit} bytes`,
          hint: 'narrow the request with filters',
        });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw connectionLost(error, request);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonAnswer<T>(text: string, request: FailedRequest): T {
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new BerthError({
      code: 'ENGINE_BAD_ANSWER',
      kind: 'internal',
      message: `the engine's answer to ${request.method} ${request.path} is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
      hint: 'check that the endpoint is a Docker-compatible engine and not another service',
      cause,
    });
  }
}

/**
 * An answer cut off half-way: the engine exited or the connection dropped. Aborts (the caller's
 * own doing) and berth's own errors pass through unchanged.
 */
export function connectionLost(error: unknown, request: FailedRequest): unknown {
  if (error instanceof BerthError || (error instanceof Error && error.name === 'AbortError')) return error;
  return new BerthError({
    code: 'ENGINE_CONNECTION_LOST',
    kind: 'unavailable',
    message: `the connection to the engine broke while reading its answer to ${request.method} ${request.path}: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'the engine may have stopped; check that the engine behind -H, DOCKER_HOST or the context is running, and try again',
    cause: error,
  });
}
