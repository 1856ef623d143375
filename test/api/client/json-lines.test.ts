import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/api/client/engine-error.js';
import { streamJsonLines } from '../../../src/api/client/json-lines.js';
import { BerthError } from '../../../src/errors/berth-error.js';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer | string> {
  yield* parts;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

const request = { method: 'POST', path: '/v1.41/images/create?fromImage=busybox&tag=latest' };

describe('streamJsonLines', () => {
  it('yields each object of a stream with one object per line', async () => {
    const objects = await collect(streamJsonLines(chunks('{"status":"Pulling"}\r\n{"status":"Done"}\r\n'), request));
    expect(objects).toEqual([{ status: 'Pulling' }, { status: 'Done' }]);
  });

  it('reassembles objects split across chunks, including inside strings and escapes', async () => {
    const objects = await collect(streamJsonLines(chunks('{"id":"a","sta', 'tus":"x\\', '"}\\n"}', '\r', '\n{"id":', '"b"}'), request));
    expect(objects).toEqual([{ id: 'a', status: 'x"}\n' }, { id: 'b' }]);
  });

  it('reassembles a multi-byte character split between two chunks', async () => {
    const bytes = Buffer.from('{"stream":"ünïcödé ✓"}\n', 'utf8');
    const objects = await collect(streamJsonLines(chunks(bytes.subarray(0, 13), bytes.subarray(13)), request));
    expect(objects).toEqual([{ stream: 'ünïcödé ✓' }]);
  });

  it('reads objects written back to back without a separator', async () => {
    const objects = await collect(streamJsonLines(chunks('{"a":1}{"b":{"c":[1,{"d":"}"}]}}'), request));
    expect(objects).toEqual([{ a: 1 }, { b: { c: [1, { d: '}' }] } }]);
  });

  it('yields the same objects however the bytes are cut into chunks', async () => {
    const objects = [{ status: 'Downloading', progressDetail: { current: 1, total: 2 }, id: 'abc' }, { stream: 'Step 1/2 : FROM "busybox" {}\n' }, { aux: { ID: 'sha256:ü' } }];
    const bytes = Buffer.from(objects.map((object) => `${JSON.stringify(object)}\r\n`).join(''), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const parts = points.slice(1).map((end, index) => bytes.subarray(points[index], end));
        expect(await collect(streamJsonLines(chunks(...parts), request))).toEqual(objects);
      }),
    );
  });

  it('throws an EngineError with the engine message when a progress object reports an error', async () => {
    const stream = streamJsonLines(chunks('{"status":"Pulling from library/nope"}\n{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"}\n'), request);
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const object of stream) seen.push(object);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ status: 'Pulling from library/nope' }]);
    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ code: 'ENGINE_STREAM_ERROR', engineMessage: 'manifest unknown', status: 200, method: 'POST', path: request.path });
  });

  it('fails with ENGINE_BAD_STREAM when the stream ends inside an object', async () => {
    const failure = await collect(streamJsonLines(chunks('{"status":"ok"}\n{"status":"cut'), request)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BerthError);
    expect(failure).toMatchObject({ code: 'ENGINE_BAD_STREAM' });
    expect((failure as BerthError).message).toContain('ended inside an object');
  });

  it('fails with ENGINE_BAD_STREAM on text that is not an object', async () => {
    const failure = await collect(streamJsonLines(chunks('<html>502 Bad Gateway</html>'), request)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ENGINE_BAD_STREAM' });
    expect((failure as BerthError).message).toContain('<html>');
  });
});
