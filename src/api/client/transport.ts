import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EngineEndpoint } from '../endpoint.js';
import { EngineTimeout, engineUnavailable } from './engine-unavailable.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** A JSON value, or bytes sent as they come (a tar for image import or archive PUT). */
export type RequestBody = { json: unknown } | { stream: Readable | AsyncIterable<Buffer>; contentType: string };

export interface TransportRequest {
  method: HttpMethod;
  /** The full path: API prefix, path and query. */
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: RequestBody;
  /** Aborting drops the connection; before the answer the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How long to wait for the answer's headers (not its body); no limit by default. */
  timeoutMs?: number;
}

/**
 * HTTP/1.1 to one engine over node:http, with a keep-alive pool so a command's dozens of calls
 * reuse a few connections. Answers are returned once their headers arrive, whatever the status,
 * with the body unread: callers decide whether to parse, stream or drain it.
 */
export class HttpTransport {
  private readonly agent = new Agent({ keepAlive: true });

  constructor(readonly endpoint: EngineEndpoint) {}

  async send(request: TransportRequest): Promise<IncomingMessage> {
    try {
      return await this.attempt(request);
    } catch (error) {
      // The engine may close an idle pooled connection just as it is reused; Node's documented
      // remedy is to send once more. A streamed body cannot be replayed, so it fails instead.
      if (!(error instanceof ReusedSocketReset)) throw error;
      if (request.body && 'stream' in request.body) throw engineUnavailable(this.endpoint, error.cause);
    }
    try {
      return await this.attempt(request);
    } catch (error) {
      throw error instanceof ReusedSocketReset ? engineUnavailable(this.endpoint, error.cause) : error;
    }
  }

  /** Closes every connection to the engine, including those of streams still being read. */
  close(): void {
    this.agent.destroy();
  }

  private attempt(request: TransportRequest): Promise<IncomingMessage> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const target = this.endpoint.kind === 'unix' ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
    const headers: OutgoingHttpHeaders = { ...request.headers };
    let payload: Buffer | undefined;
    if (request.body && 'json' in request.body) {
      payload = Buffer.from(JSON.stringify(request.body.json), 'utf8');
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    } else if (request.body) {
      headers['content-type'] = request.body.contentType;
    }

    return new Promise((resolve, reject) => {
      let bodyFailure: unknown;
      const call = httpRequest({ ...target, agent: this.agent, method: request.method, path: request.path, headers, signal });
      const timer = request.timeoutMs === undefined ? undefined : setTimeout(() => call.destroy(new EngineTimeout(request.timeoutMs!)), request.timeoutMs);

      call.on('response', (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      call.on('error', (cause: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (signal?.aborted) reject(signal.reason);
        else if (bodyFailure !== undefined) reject(bodyFailure);
        else if (call.reusedSocket && cause.code === 'ECONNRESET') reject(new ReusedSocketReset(cause));
        else reject(engineUnavailable(this.endpoint, cause));
      });

      if (request.body && 'stream' in request.body) {
        const source = request.body.stream instanceof Readable ? request.body.stream : Readable.from(request.body.stream);
        // A failing source (a tar being read from disk) is its own error, not the engine's.
        source.once('error', (cause) => (bodyFailure = cause));
        // Errors surface through the request's handler above, or the answer already arrived.
        pipeline(source, call).catch(() => undefined);
      } else {
        call.end(payload);
      }
    });
  }
}

class ReusedSocketReset extends Error {
  constructor(override readonly cause: unknown) {
    super('a pooled connection was reset');
  }
}
