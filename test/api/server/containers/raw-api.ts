import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Header, Parser, type ReadEntry } from 'tar';

/**
 * Raw Engine API calls for the containers routes' tests: status, headers and body as a client
 * sees them, with no client library between (the docker CLI needs routes these tests do not own).
 */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
  /** `{"message"}` of an error answer. */
  message(): string;
}

export interface RawRequest {
  json?: unknown;
  /** A body sent as it comes (a tar). */
  body?: Buffer | Readable;
  signal?: AbortSignal;
}

/** Sends a request and resolves with the answer's headers, its body unread. */
export function rawStream(socketPath: string, method: string, path: string, options: RawRequest = {}): Promise<IncomingMessage> {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.body !== undefined) headers['content-type'] = 'application/x-tar';
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath, method, path, headers, agent: false, ...(options.signal ? { signal: options.signal } : {}) }, resolve);
    outgoing.on('error', reject);
    if (options.json !== undefined) outgoing.end(JSON.stringify(options.json));
    else if (Buffer.isBuffer(options.body)) outgoing.end(options.body);
    else if (options.body) options.body.pipe(outgoing);
    else outgoing.end();
  });
}

export async function rawCall(socketPath: string, method: string, path: string, options: RawRequest = {}): Promise<RawAnswer> {
  const response = await rawStream(socketPath, method, path, options);
  const body = await readAll(response);
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body,
    text: () => body.toString('utf8'),
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
    message: () => (JSON.parse(body.toString('utf8')) as { message: string }).message,
  };
}

export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
  return Buffer.concat(pieces);
}

/** One member of a test archive. */
export interface TarMember {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice';
  content?: string;
  linkpath?: string;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** A tar made member by member, so a test can write what no well-behaved tool would (`../x`, links out). */
export function tarOf(members: readonly TarMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.content ?? '');
    const type = member.type ?? 'File';
    const header = new Header({
      path: member.path,
      type,
      mode: member.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      uid: member.uid ?? 0,
      gid: member.gid ?? 0,
      size: type === 'File' ? body.length : 0,
      mtime: new Date('2024-01-02T03:04:05Z'),
      ...(member.linkpath !== undefined ? { linkpath: member.linkpath } : {}),
    });
    header.encode();
    blocks.push(header.block!);
    if (type === 'File') blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export interface ListedMember {
  path: string;
  type: string;
  mode: number;
  uid: number;
  linkpath: string | undefined;
  content: string;
}

/** The members of a tar, with their content as text. */
export async function listTar(tar: Buffer): Promise<ListedMember[]> {
  const members: ListedMember[] = [];
  const parser = new Parser({ strict: true });
  parser.on('entry', (entry: ReadEntry) => {
    const pieces: Buffer[] = [];
    entry.on('data', (piece: Buffer) => pieces.push(piece));
    entry.on('end', () => members.push({ path: entry.path, type: entry.type, mode: entry.mode ?? 0, uid: entry.uid ?? 0, linkpath: entry.linkpath, content: Buffer.concat(pieces).toString('utf8') }));
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('close', () => resolve());
    parser.end(tar);
  });
  return members;
}
