import { StringDecoder } from 'node:string_decoder';
import { BerthError } from '../../errors/berth-error.js';
import { streamedEngineError, type FailedRequest } from './engine-error.js';

/** Any byte source: an HTTP response, a socket, a test's generator. */
export type JsonByteSource = AsyncIterable<Buffer | string>;

/** One streamed object may be a whole image config or build step; more than this is a broken stream. */
const maxObjectLength = 16 * 1024 * 1024;

/**
 * Reads the JSON objects an engine streams (pull and import progress, build output, events) one
 * at a time. Docker writes them one after another, usually each followed by `\r\n`, but nothing
 * guarantees a chunk ends at an object's end, or that objects are separated at all; so this scans
 * for complete top-level objects instead of splitting lines. Characters split across chunks are
 * reassembled, too.
 *
 * An object with `error` or `errorDetail` is the engine reporting a failure after it already
 * answered 200: it ends the iteration with a thrown EngineError (code ENGINE_STREAM_ERROR)
 * carrying the engine's message; `request` names what was asked, for that error.
 *
 * Breaking out of the loop closes the source (a response's connection is then dropped).
 */
export async function* streamJsonLines<T>(source: JsonByteSource, request: FailedRequest = requestOf(source)): AsyncGenerator<T, void, undefined> {
  const decoder = new StringDecoder('utf8');
  const scanner = new JsonObjectScanner(request);
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (const raw of scanner.push(text)) yield parsed<T>(raw, request);
  }
  for (const raw of scanner.push(decoder.end())) yield parsed<T>(raw, request);
  scanner.finish();
}

/** An HTTP response knows the request it answers (`response.req`); other sources get a neutral name. */
function requestOf(source: JsonByteSource): FailedRequest {
  const sent = (source as { req?: { method?: unknown; path?: unknown } }).req;
  if (typeof sent?.method === 'string' && typeof sent.path === 'string') return { method: sent.method, path: sent.path };
  return { method: 'STREAM', path: 'from the engine' };
}

function parsed<T>(raw: string, request: FailedRequest): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw badStream(`an object that is not valid JSON: ${excerpt(raw)}`, request, cause);
  }
  const failure = value as { error?: unknown; errorDetail?: { message?: unknown } };
  if (failure.error !== undefined || failure.errorDetail !== undefined) {
    const message = typeof failure.errorDetail?.message === 'string' ? failure.errorDetail.message : String(failure.error);
    throw streamedEngineError(message, request);
  }
  return value as T;
}

/**
 * Finds where each top-level `{...}` ends, tracking nesting and strings (a `}` inside a string
 * does not count). The state carries over between chunks, so no text is scanned twice.
 */
class JsonObjectScanner {
  private buffer = '';
  /** Characters of `buffer` already scanned. */
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly request: FailedRequest) {}

  push(text: string): string[] {
    if (text === '') return [];
    this.buffer += text;
    const objects: string[] = [];
    let objectStart = this.depth > 0 ? 0 : -1;
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (this.depth === 0) {
        if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
        if (char !== '{') throw badStream(`unexpected text between objects: ${excerpt(this.buffer.slice(i))}`, this.request);
        objectStart = i;
        this.depth = 1;
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.inString = false;
      } else if (char === '"') {
        this.inString = true;
      } else if (char === '{' || char === '[') {
        this.depth += 1;
      } else if (char === '}' || char === ']') {
        this.depth -= 1;
        if (this.depth === 0) {
          objects.push(this.buffer.slice(objectStart, i + 1));
          objectStart = -1;
        }
      }
    }
    this.buffer = objectStart === -1 ? '' : this.buffer.slice(objectStart);
    this.scanned = this.buffer.length;
    if (this.buffer.length > maxObjectLength) throw badStream(`an object longer than ${maxObjectLength} characters`, this.request);
    return objects;
  }

  /** At the end of the stream nothing may be left half-read. */
  finish(): void {
    if (this.depth > 0) throw badStream(`the stream ended inside an object: ${excerpt(this.buffer)}`, this.request);
  }
}

function badStream(what: string, request: FailedRequest, cause?: unknown): BerthError {
  const source = ` for ${request.method} ${request.path}`;
  return new BerthError({
    code: 'ENGINE_BAD_STREAM',
    kind: 'internal',
    message: `the engine's streamed answer${source} holds ${what}`,
    hint: 'the connection may have been cut, or something between berth and the engine altered the answer',
    cause,
  });
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text);
}
