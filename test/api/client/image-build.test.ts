import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildQuery, encodeBuildSecrets } from '../../../src/api/client/image-build.js';
import { ImagesApi } from '../../../src/api/client/images.js';
import { encodeQuery } from '../../../src/api/client/query.js';
import { streamJsonLines } from '../../../src/api/client/json-lines.js';
import type { EngineRequest, EngineRequester } from '../../../src/api/client/request.js';
import { isBerthEngine } from '../../../src/api/client/system.js';
import type { ProgressMessage } from '../../../src/api/types/images.js';

/** An engine that answers the build with `lines` and remembers what it was asked. */
function recordingEngine(lines: string[]): { engine: EngineRequester; requests: EngineRequest[] } {
  const requests: EngineRequest[] = [];
  const unused = (): never => {
    throw new Error('build should only stream');
  };
  const engine: EngineRequester = {
    request: unused,
    requestEmpty: unused,
    requestJson: <T>(request: EngineRequest): Promise<T> => {
      requests.push(request);
      return Promise.resolve({ CachesDeleted: ['a'], SpaceReclaimed: 3 } as T);
    },
    requestJsonStream<T>(request: EngineRequest): AsyncGenerator<T, void, undefined> {
      requests.push(request);
      return streamJsonLines<T>(Readable.from(lines.map((line) => `${line}\r\n`)), { method: request.method, path: request.path });
    },
  };
  return { engine, requests };
}

async function collect(source: AsyncIterable<ProgressMessage>): Promise<ProgressMessage[]> {
  const items: ProgressMessage[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('ImagesApi.build', () => {
  it('streams the context as a tar to POST /build and yields the builder\'s messages', async () => {
    const { engine, requests } = recordingEngine(['{"stream":"Step 1/1 : FROM x"}', '{"stream":"\\n"}', '{"aux":{"ID":"sha256:abc"}}']);
    const context = Readable.from([Buffer.from('tar')]);

    const messages = await collect(new ImagesApi(engine).build(context, { tags: ['demo-web'] }));

    expect(messages).toEqual([{ stream: 'Step 1/1 : FROM x' }, { stream: '\n' }, { aux: { ID: 'sha256:abc' } }]);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/build', body: { stream: context, contentType: 'application/x-tar' } });
    expect(requests[0]?.headers).toBeUndefined();
  });

  it('sends every option under Docker\'s query names, maps as sorted JSON, and leaves out what is not set', () => {
    const query = buildQuery({
      dockerfile: '.dockerfile.0a1b',
      tags: ['demo-web', 'registry:5000/web:1'],
      quiet: true,
      noCache: true,
      pull: true,
      buildArgs: { B: '2', A: '1' },
      labels: { team: 'core' },
      target: 'runtime',
      networkMode: 'none',
      extraHosts: ['db:10.0.0.5', 'cache:10.0.0.6'],
      platform: 'linux/amd64',
      cacheFrom: ['demo-web:cache'],
      shmSize: 1024,
    });
    expect(decodeURIComponent(encodeQuery(query))).toBe(
      '?dockerfile=.dockerfile.0a1b&t=demo-web&t=registry:5000/web:1&q=1&nocache=1&pull=1&rm=1' +
        '&buildargs={"A":"1","B":"2"}&labels={"team":"core"}&target=runtime&networkmode=none' +
        '&extrahosts=db:10.0.0.5,cache:10.0.0.6&platform=linux/amd64&cachefrom=["demo-web:cache"]&shmsize=1024',
    );
    expect(encodeQuery(buildQuery({ buildArgs: {}, labels: {}, tags: [], extraHosts: [] }))).toBe('?rm=1');
  });

  it('sends secrets in X-Berth-Build-Secrets: base64 of JSON whose values are base64 too', async () => {
    const { engine, requests } = recordingEngine([]);

    await collect(new ImagesApi(engine).build(Readable.from([]), { secrets: { token: 's3cret', cert: Buffer.from([0, 255]) } }));

    const header = String(requests[0]?.headers?.['x-berth-build-secrets']);
    expect(JSON.parse(Buffer.from(header, 'base64').toString('utf8'))).toEqual({ cert: 'AP8=', token: 'czNjcmV0' });
    expect(encodeBuildSecrets({ b: 'x', a: 'y' })).toBe(Buffer.from('{"a":"eQ==","b":"eA=="}').toString('base64'));
  });

  it('prunes the build cache with POST /build/prune', async () => {
    const { engine, requests } = recordingEngine([]);

    expect(await new ImagesApi(engine).pruneBuilder({ all: true })).toEqual({ CachesDeleted: ['a'], SpaceReclaimed: 3 });
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/build/prune', query: { all: true } });
  });
});

describe('isBerthEngine', () => {
  it("tells berth's daemon from dockerd by the Server header", () => {
    expect(isBerthEngine({ server: 'berth/0.1.0 (linux)' })).toBe(true);
    expect(isBerthEngine({ server: 'Docker/20.10.24+dfsg1 (linux)' })).toBe(false);
    expect(isBerthEngine({ server: undefined })).toBe(false);
  });
});
