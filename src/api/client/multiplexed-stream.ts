import type { Readable } from 'node:stream';
import { BerthError } from '../../errors/berth-error.js';

/**
 * Docker's stdio multiplexing, used by `logs`, `attach` and `exec` when the container (or exec)
 * has no TTY. Each frame is an 8-byte header and a payload:
 *
 *   byte 0     stream type: 0 stdin, 1 stdout, 2 stderr (3: an error the engine itself reports)
 *   bytes 1-3  zero
 *   bytes 4-7  payload length, big-endian uint32
 *
 * With a TTY there is no framing at all: the engine sends the terminal's bytes as they are, stdout
 * and stderr already merged. Nothing in the stream says which form it is (API 1.41 answers
 * `application/vnd.docker.raw-stream` for both), so a caller decides from the container's
 * `Config.Tty` (container inspect) or the exec's `ProcessConfig.tty` (exec inspect), the same flag
 * it passed when it created the exec, and reads with `outputChunks(source, tty)`, which takes the
 * raw path (`rawOutput`) for a TTY and `demultiplex` otherwise.
 */
export type StdStream = 'stdin' | 'stdout' | 'stderr';

export interface StreamChunk {
  stream: StdStream;
  data: Buffer;
}

/** Anything that yields bytes: a socket, an HTTP response, a test's generator. */
export type ByteSource = AsyncIterable<Buffer | string> | Readable;

const headerLength = 8;
const streamTypes: readonly StdStream[] = ['stdin', 'stdout', 'stderr'];
const engineErrorType = 3;
const maxEngineMessage = 64 * 1024;

/** One frame as the engine writes it; berth's daemon uses it for its own log and attach streams. */
export function frame(stream: StdStream, data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const header = Buffer.alloc(headerLength);
  header[0] = streamTypes.indexOf(stream);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/**
 * Splits a framed stream back into its stdout, stderr (and stdin) pieces. Headers and payloads may
 * arrive split across chunks or several to a chunk; a payload is yielded in pieces as its bytes
 * arrive rather than buffered whole, so memory stays bounded by the chunk size whatever a header
 * claims. Zero-length frames yield nothing. A header with an unknown stream type or nonzero
 * padding, a frame cut off by the end of the stream, or an error frame (type 3) from the engine
 * fails the iteration with a BerthError instead of yielding garbage.
 */
export async function* demultiplex(source: ByteSource): AsyncGenerator<StreamChunk> {
  let header = Buffer.alloc(0); // bytes of a header still incomplete
  let engineMessage = Buffer.alloc(0); // payload of an error frame, kept up to a bound
  let current: { stream: StdStream | 'engine-error'; remaining: number; length: number } | undefined;
  let offset = 0; // bytes of the stream consumed so far, for error messages

  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    while (chunk.length > 0) {
      if (current === undefined) {
        const needed = headerLength - header.length;
        header = Buffer.concat([header, chunk.subarray(0, needed)]);
        chunk = chunk.subarray(needed);
        if (header.length < headerLength) break;
        current = parseHeader(header, offset);
        offset += headerLength;
        header = Buffer.alloc(0);
      } else {
        const data = chunk.subarray(0, current.remaining);
        chunk = chunk.subarray(data.length);
        current.remaining -= data.length;
        offset += data.length;
        if (current.stream === 'engine-error') engineMessage = Buffer.concat([engineMessage, data]).subarray(0, maxEngineMessage);
        else yield { stream: current.stream, data };
      }
      if (current !== undefined && current.remaining === 0) {
        if (current.stream === 'engine-error') throw engineReportedError(engineMessage);
        current = undefined;
      }
    }
  }
  if (current !== undefined || header.length > 0) {
    const expected = current === undefined ? `a ${headerLength}-byte frame header` : `a ${current.length}-byte frame`;
    throw streamError('ENGINE_STREAM_TRUNCATED', `the engine's output stream ended inside ${expected}, at byte ${offset + header.length}`);
  }
}

/** The raw path for a TTY: the terminal's bytes, all reported as stdout since a TTY merges stderr into it. */
export async function* rawOutput(source: ByteSource): AsyncGenerator<StreamChunk> {
  for await (const piece of source) {
    const data = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (data.length > 0) yield { stream: 'stdout', data };
  }
}

/** Reads a logs, attach or exec stream in the form `tty` says it has (see the note at the top). */
export function outputChunks(source: ByteSource, tty: boolean): AsyncGenerator<StreamChunk> {
  return tty ? rawOutput(source) : demultiplex(source);
}

function parseHeader(header: Buffer, offset: number): { stream: StdStream | 'engine-error'; remaining: number; length: number } {
  const type = header[0]!;
  const paddingIsZero = header[1] === 0 && header[2] === 0 && header[3] === 0;
  const stream = type === engineErrorType ? 'engine-error' : streamTypes[type];
  if (stream === undefined || !paddingIsZero) {
    throw streamError(
      'ENGINE_STREAM_CORRUPT',
      `the engine's output stream has an invalid frame header at byte ${offset} (${header.toString('hex')}: stream type ${type}${paddingIsZero ? '' : ', nonzero padding'})`,
    );
  }
  const length = header.readUInt32BE(4);
  return { stream, remaining: length, length };
}

function streamError(code: string, message: string): BerthError {
  return new BerthError({
    code,
    kind: 'internal',
    message,
    hint: "a container or exec with a TTY sends raw output, not frames: read it raw when its Config.Tty (or the exec's Tty) is true; otherwise the engine broke the stream, so read the engine's log",
  });
}

function engineReportedError(payload: Buffer): BerthError {
  return new BerthError({
    code: 'ENGINE_STREAM_ERROR',
    kind: 'internal',
    message: `the engine reported an error inside the output stream: ${payload.toString('utf8').trim()}`,
    hint: "read the engine's log for the cause",
  });
}
