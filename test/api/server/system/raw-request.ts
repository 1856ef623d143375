import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request on its own connection, answered whole: the status, the headers (lower case, as
 * Node gives them) and the body as text. For what the harness's engineRequest does not show
 * (headers, HEAD) and for bodies that are not JSON. `text` is sent as the JSON body as it is,
 * for requests that must be malformed.
 */
export function rawRequest(socketPath: string, method: string, path: string, json?: unknown, text?: string): Promise<RawResponse> {
  const payload = text ?? (json === undefined ? undefined : JSON.stringify(json));
  return new Promise((resolve, reject) => {
    const call = request({ socketPath, agent: false, method, path, headers: payload === undefined ? {} : { 'content-type': 'application/json' }, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error(`no answer to ${method} ${path} within 30 s`)));
    call.on('error', reject);
    call.end(payload);
  });
}
