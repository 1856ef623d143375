import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demultiplex, frame, outputChunks, type StdStream, type StreamChunk } from '../../../src/api/client/multiplexed-stream.js';
import { BerthError } from '../../../src/errors/berth-error.js';

async function* chunksOf(...pieces: Buffer[]): AsyncGenerator<Buffer> {
  yield* pieces;
}

async function collect(source: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return chunks;
}

/** Adjacent pieces of one stream joined, as a reader of the bytes sees them. */
function coalesce(chunks: readonly StreamChunk[]): { stream: StdStream; text: string }[] {
  const joined: { stream: StdStream; text: string }[] = [];
  for (const { stream, data } of chunks) {
    const last = joined.at(-1);
    if (last?.stream === stream) last.text += data.toString('latin1');
    else if (data.length > 0) joined.push({ stream, text: data.toString('latin1') });
  }
  return joined;
}

async function failureOf(source: AsyncIterable<StreamChunk>): Promise<BerthError> {
  const error = await collect(source).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}

describe('demultiplex', () => {
  it('writes the header Docker writes: type, three zero bytes, big-endian length', () => {
    expect(frame('stderr', 'hi').toString('hex')).toBe('02000000000000026869');
  });

  it('reassembles a header and a payload split byte by byte', async () => {
    const bytes = frame('stdout', 'hello');
    const pieces = [...bytes].map((byte) => Buffer.from([byte]));
    expect(coalesce(await collect(demultiplex(chunksOf(...pieces))))).toEqual([{ stream: 'stdout', text: 'hello' }]);
  });

  it('separates several frames that arrive in one chunk', async () => {
    const merged = Buffer.concat([frame('stdout', 'out\n'), frame('stderr', 'err\n'), frame('stdout', 'more\n')]);
    expect(coalesce(await collect(demultiplex(chunksOf(merged))))).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: 'err\n' },
      { stream: 'stdout', text: 'more\n' },
    ]);
  });

  it('skips zero-length frames without losing its place', async () => {
    const bytes = Buffer.concat([frame('stdout', ''), frame('stderr', 'x'), frame('stderr', ''), frame('stdout', 'y')]);
    expect(await collect(demultiplex(chunksOf(bytes)))).toEqual([
      { stream: 'stderr', data: Buffer.from('x') },
      { stream: 'stdout', data: Buffer.from('y') },
    ]);
  });

  it('refuses a header with an unknown stream type, naming the byte offset', async () => {
    const corrupt = Buffer.concat([frame('stdout', 'ok'), Buffer.from('0700000000000001', 'hex'), Buffer.from('z')]);
    const error = await failureOf(demultiplex(chunksOf(corrupt)));
    expect(error.code).toBe('ENGINE_STREAM_CORRUPT');
    expect(error.message).toContain('at byte 10');
    expect(error.message).toContain('stream type 7');
    expect(error.hint).toContain('Config.Tty');
  });

  it('refuses raw TTY text read as frames instead of yielding garbage', async () => {
    const error = await failureOf(demultiplex(chunksOf(Buffer.from('hello from a tty\r\n'))));
    expect(error.code).toBe('ENGINE_STREAM_CORRUPT');
  });

  it('refuses a stream that ends inside a frame', async () => {
    const cut = frame('stdout', 'hello').subarray(0, 10);
    const error = await failureOf(demultiplex(chunksOf(cut)));
    expect(error.code).toBe('ENGINE_STREAM_TRUNCATED');
    expect(error.message).toContain('5-byte frame');
  });

  it("fails with the engine's own message when it sends an error frame (type 3)", async () => {
    const message = Buffer.from('container stopped');
    const header = Buffer.from('0300000000000000', 'hex');
    header.writeUInt32BE(message.length, 4);
    const error = await failureOf(demultiplex(chunksOf(frame('stdout', 'before'), header, message)));
    expect(error.code).toBe('ENGINE_STREAM_ERROR');
    expect(error.message).toContain('container stopped');
  });

  it('gives every byte back on its own stream, however frames are cut into chunks (property)', async () => {
    const frames = fc.array(fc.record({ stream: fc.constantFrom<StdStream>('stdin', 'stdout', 'stderr'), data: fc.uint8Array({ maxLength: 40 }) }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(frames, fc.array(fc.nat(), { maxLength: 8 }), async (written, cutPoints) => {
        const bytes = Buffer.concat(written.map(({ stream, data }) => frame(stream, Buffer.from(data))));
        const cuts = [...new Set(cutPoints.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...cuts].map((start, index) => bytes.subarray(start, cuts[index] ?? bytes.length));
        const read = coalesce(await collect(demultiplex(chunksOf(...pieces))));
        const expected = coalesce(written.map(({ stream, data }) => ({ stream, data: Buffer.from(data) })));
        expect(read).toEqual(expected);
      }),
    );
  });
});

describe('outputChunks', () => {
  it('reads a TTY stream raw, as stdout, without looking for headers', async () => {
    const raw = Buffer.from('\x02 not a frame\r\n');
    expect(await collect(outputChunks(chunksOf(raw), true))).toEqual([{ stream: 'stdout', data: raw }]);
  });
});
