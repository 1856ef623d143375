import { request, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { ProgressMessage } from '../../../../src/api/types/images.js';

/**
 * Raw Engine API calls for the images router's tests: the status, headers and bytes exactly as
 * the server sent them, so Docker's codes, texts and stream framing are what is asserted. Each
 * call has a connection of its own (no keep-alive socket outlives a test).
 */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function open(socketPath: string, method: string, path: string, options: RawOptions = {}): { request: ClientRequest; response: Promise<IncomingMessage> } {
  const call = request({ socketPath, method, path, agent: false, headers: options.headers ?? {} });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    call.on('response', resolve);
    call.on('error', reject);
  });
  call.end(options.body);
  return { request: call, response };
}

export async function send(socketPath: string, method: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
  const response = await open(socketPath, method, path, options).response;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) };
}

export function json<T = unknown>(answer: RawAnswer): T {
  return JSON.parse(answer.body.toString('utf8')) as T;
}

/** A JSON message stream as dockerd frames it: one object per `\r\n`-terminated line, nothing else. */
export function messages(answer: RawAnswer): ProgressMessage[] {
  const text = answer.body.toString('utf8');
  if (!text.endsWith('\r\n')) throw new Error(`the stream does not end with \\r\\n: ${JSON.stringify(text.slice(-80))}`);
  return text.slice(0, -2).split('\r\n').map((line) => JSON.parse(line) as ProgressMessage);
}

/** `X-Registry-Auth` as the docker CLI writes it. */
export function registryAuth(auth: Record<string, string>): Record<string, string> {
  return { 'X-Registry-Auth': Buffer.from(JSON.stringify(auth)).toString('base64url') };
}

export function query(parameters: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) for (const one of [value].flat()) search.append(name, one);
  return search.toString();
}
