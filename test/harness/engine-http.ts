import { request, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { EngineEndpoint } from '../../src/api/endpoint.js';
import { formatEndpoint } from '../../src/api/endpoint.js';
import { BerthError } from '../../src/errors/berth-error.js';

/**
 * The few raw Engine API calls the harness makes itself. The harness must not depend on berth's
 * API client, since that client is what the harness exists to test.
 */
export interface EngineResponse {
  status: number;
  /** Lower case, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EngineRequest {
  method: string;
  /** Path and query, without an API version prefix: `/containers/json?all=1`. */
  path: string;
  /** A JSON value (sent as application/json), or a stream sent as-is (a tar). */
  json?: unknown;
  /** A body sent as application/json exactly as given, for requests that must be malformed. */
  text?: string;
  stream?: Readable;
  contentType?: string;
  timeoutMs?: number;
}

export function engineRequest(endpoint: EngineEndpoint, options: EngineRequest): Promise<EngineResponse> {
  const target = endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
  const headers: Record<string, string> = {};
  const payload = options.text ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.stream) headers['content-type'] = options.contentType ?? 'application/x-tar';
  return new Promise((resolve, reject) => {
    // agent: false gives each call its own connection, so no idle keep-alive socket outlives the engine.
    const call = request({ ...target, agent: false, method: options.method, path: options.path, headers, timeout: options.timeoutMs ?? 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error(`no answer within ${options.timeoutMs ?? 30_000} ms`)));
    call.on('error', (cause) =>
      reject(
        new BerthError({
          code: 'TEST_ENGINE_UNREACHABLE',
          kind: 'unavailable',
          message: `test engine at ${formatEndpoint(endpoint)} did not answer ${options.method} ${options.path}: ${cause.message}`,
          hint: 'the engine may have exited; read its log (the path is in the engine start message)',
          cause,
        }),
      ),
    );
    if (options.stream) options.stream.on('error', (cause) => call.destroy(cause)).pipe(call);
    else call.end(payload);
  });
}

/** Fails with the engine's own message unless the status is one of `expected`. */
export function expectStatus(response: EngineResponse, expected: number[], what: string): EngineResponse {
  if (expected.includes(response.status)) return response;
  throw new BerthError({
    code: 'TEST_ENGINE_REQUEST_FAILED',
    kind: 'internal',
    message: `test engine refused to ${what}: HTTP ${response.status} ${engineMessage(response.body)}`,
  });
}

/** Docker puts the reason in `{"message": ...}`; fall back to the raw body. */
function engineMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: show it as it came
  }
  return body.trim();
}
