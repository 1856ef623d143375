import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/api/client/engine-error.js';
import { ImagesApi } from '../../../src/api/client/images.js';
import { streamJsonLines } from '../../../src/api/client/json-lines.js';
import type { EngineRequest, EngineRequester } from '../../../src/api/client/request.js';
import type { ProgressMessage } from '../../../src/api/types/images.js';

/** An engine that answers every streamed request with `lines`, and remembers what it was asked. */
function recordingEngine(lines: string[]): { engine: EngineRequester; requests: EngineRequest[] } {
  const requests: EngineRequest[] = [];
  const unused = (): never => {
    throw new Error('push should only stream');
  };
  const engine: EngineRequester = {
    request: unused,
    requestJson: unused,
    requestEmpty: unused,
    requestJsonStream<T>(request: EngineRequest): AsyncGenerator<T, void, undefined> {
      requests.push(request);
      const source = (async function* () {
        yield* lines.map((line) => `${line}\r\n`);
      })();
      return streamJsonLines<T>(source, { method: request.method, path: request.path });
    },
  };
  return { engine, requests };
}

async function collect(source: AsyncIterable<ProgressMessage>): Promise<ProgressMessage[]> {
  const items: ProgressMessage[] = [];
  for await (const item of source) items.push(item);
  return items;
}

function decodedAuth(request: EngineRequest | undefined): unknown {
  const header = request?.headers?.['x-registry-auth'];
  return JSON.parse(Buffer.from(String(header), 'base64url').toString('utf8'));
}

describe('ImagesApi.push', () => {
  it('pushes the tag of a registry reference with the port kept in the path', async () => {
    const { engine, requests } = recordingEngine(['{"status":"The push refers to repository [localhost:5000/app]"}']);

    await collect(new ImagesApi(engine).push('localhost:5000/app:2'));

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/images/localhost:5000/app/push', query: { tag: '2' } });
  });

  it('pushes latest when the reference has no tag, not every tag of the repository', async () => {
    const { engine, requests } = recordingEngine([]);

    await collect(new ImagesApi(engine).push('registry.test/team/app'));

    expect(requests[0]).toMatchObject({ path: '/images/registry.test/team/app/push', query: { tag: 'latest' } });
  });

  it('sends empty credentials when none are given, since Docker refuses a push without the header', async () => {
    const { engine, requests } = recordingEngine([]);

    await collect(new ImagesApi(engine).push('localhost:5000/app:1'));

    expect(decodedAuth(requests[0])).toEqual({});
  });

  it('sends the given credentials base64url-encoded', async () => {
    const { engine, requests } = recordingEngine([]);

    await collect(new ImagesApi(engine).push('localhost:5000/app:1', { auth: { username: 'ci', password: 'sécret?', serveraddress: 'localhost:5000' } }));

    expect(decodedAuth(requests[0])).toEqual({ username: 'ci', password: 'sécret?', serveraddress: 'localhost:5000' });
    expect(String(requests[0]?.headers?.['x-registry-auth'])).not.toMatch(/[+/=]/);
  });

  it('yields the progress of each layer as the engine streams it', async () => {
    const { engine } = recordingEngine([
      '{"status":"Preparing","progressDetail":{},"id":"a1b2"}',
      '{"status":"Pushing","progressDetail":{"current":512,"total":1024},"id":"a1b2"}',
      '{"status":"Pushed","progressDetail":{},"id":"a1b2"}',
      '{"status":"1: digest: sha256:0123 size: 527"}',
    ]);

    const messages = await collect(new ImagesApi(engine).push('localhost:5000/app:1'));

    expect(messages.map((message) => message.status)).toEqual(['Preparing', 'Pushing', 'Pushed', '1: digest: sha256:0123 size: 527']);
    expect(messages[1]).toMatchObject({ id: 'a1b2', progressDetail: { current: 512, total: 1024 } });
  });

  it("throws the registry's refusal from the iteration as an EngineError", async () => {
    const { engine } = recordingEngine([
      '{"status":"Preparing","progressDetail":{},"id":"a1b2"}',
      '{"errorDetail":{"message":"denied: requested access to the resource is denied"},"error":"denied: requested access to the resource is denied"}',
    ]);

    const failure = await collect(new ImagesApi(engine).push('localhost:5000/app:1')).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ engineMessage: 'denied: requested access to the resource is denied' });
  });
});
