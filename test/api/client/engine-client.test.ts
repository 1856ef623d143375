import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EngineClient } from '../../../src/api/client/engine-client.js';
import { EngineError } from '../../../src/api/client/engine-error.js';
import type { EngineEvent } from '../../../src/api/types/events.js';
import { busyboxTarball } from '../../harness/busybox-tarball.js';
import { useDockerEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';

const engine = useDockerEngine();

/** A fresh client per test, closed after it, so no test depends on another's connections. */
async function withClient<T>(use: (client: EngineClient) => Promise<T>): Promise<T> {
  const client = await EngineClient.connect(engine().endpoint);
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('EngineClient against Docker 20.10', () => {
  test('negotiates API 1.41 and prefixes its paths with /v1.41', async () => {
    await withClient(async (client) => {
      expect(client.apiVersion).toBe('1.41');
      expect(client.apiPrefix).toBe('/v1.41');
      expect(client.engine).toMatchObject({ apiVersion: '1.41', osType: 'linux' });
      expect(client.engine.server).toMatch(/^Docker\//);
      const version = await client.version();
      expect(version.ApiVersion).toBe('1.41');
    });
  });

  test('speaks a lower version when the caller caps it', async () => {
    const client = await EngineClient.connect(engine().endpoint, { maxApiVersion: '1.40' });
    try {
      expect(client.apiVersion).toBe('1.40');
      expect((await client.info()).OSType).toBe('linux');
    } finally {
      client.close();
    }
  });

  test("turns a 404 for an unknown container into an EngineError with Docker's message", async () => {
    await withClient(async (client) => {
      const error = await rejection(client.containers.inspect('no-such-container'));
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({
        status: 404,
        kind: 'not-found',
        code: 'ENGINE_NOT_FOUND',
        engineMessage: 'No such container: no-such-container',
        method: 'GET',
        path: '/v1.41/containers/no-such-container/json',
      });
    });
  });

  test('runs a busybox container through create, start, wait, inspect and remove', async () => {
    const image = await ensureBusyboxImage(engine());
    await withClient(async (client) => {
      const name = unique('lifecycle');
      const { Id } = await client.containers.create({ Image: image, Cmd: ['sh', '-c', 'echo to-stdout; exit 3'], Labels: { 'test.case': name } }, { name });
      const pending = await client.containers.beginWait(Id, { condition: 'next-exit' });

      await client.containers.start(Id);
      const exit = await pending.exit;

      expect(exit.StatusCode).toBe(3);
      const inspected = await client.containers.inspect(name);
      expect(inspected).toMatchObject({ Id, Name: `/${name}`, State: { Status: 'exited', ExitCode: 3, Running: false } });
      const listed = await client.containers.list({ all: true, filters: { label: [`test.case=${name}`] } });
      expect(listed.map((container) => container.Id)).toEqual([Id]);

      await client.containers.remove(Id, { v: true });
      expect(await rejection(client.containers.inspect(Id))).toMatchObject({ status: 404 });
    });
  });

  test('reports starting a running container as ENGINE_NOT_MODIFIED', async () => {
    const image = await ensureBusyboxImage(engine());
    await withClient(async (client) => {
      const { Id } = await client.containers.create({ Image: image, Cmd: ['sleep', '600'] });
      await client.containers.start(Id);

      const error = await rejection(client.containers.start(Id));

      expect(error).toMatchObject({ status: 304, code: 'ENGINE_NOT_MODIFIED', engineMessage: `container ${Id} is already started` });
      await client.containers.remove(Id, { force: true });
    });
  });

  test('returns the raw log stream of a container', async () => {
    const image = await ensureBusyboxImage(engine());
    await withClient(async (client) => {
      const { Id } = await client.containers.create({ Image: image, Cmd: ['sh', '-c', 'echo out-line; echo err-line >&2'] });
      const pending = await client.containers.beginWait(Id, { condition: 'next-exit' });
      await client.containers.start(Id);
      await pending.exit;

      const stream = await client.containers.logs(Id, { stdout: true, stderr: true });
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);

      // Framed (no TTY): each line behind an 8-byte header, stream type (1 or 2) then three zeros.
      expect([1, 2]).toContain(bytes[0]);
      expect([...bytes.subarray(1, 4)]).toEqual([0, 0, 0]);
      expect(bytes.toString('latin1')).toContain('out-line\n');
      expect(bytes.toString('latin1')).toContain('err-line\n');
      await client.containers.remove(Id);
    });
  });

  test("sees a container's start event in the event stream and stops when aborted", async () => {
    const image = await ensureBusyboxImage(engine());
    await withClient(async (client) => {
      const label = unique('events');
      const since = Date.now() / 1000;
      const abort = new AbortController();
      const seen: EngineEvent[] = [];
      const watching = (async () => {
        for await (const event of client.events({ since, filters: { type: ['container'], label: [`test.case=${label}`] }, signal: abort.signal })) {
          seen.push(event);
          if (event.Action === 'start') abort.abort();
        }
      })();

      const { Id } = await client.containers.create({ Image: image, Cmd: ['true'], Labels: { 'test.case': label } });
      await client.containers.start(Id);
      await watching;

      expect(seen.map((event) => event.Action)).toEqual(['create', 'start']);
      expect(seen[1]).toMatchObject({ Type: 'container', Actor: { ID: Id, Attributes: { 'test.case': label } } });
      await client.containers.remove(Id, { force: true });
    });
  });

  test('creates, inspects, lists and removes a network', async () => {
    await withClient(async (client) => {
      const name = unique('net');
      const { Id } = await client.networks.create({ Name: name, CheckDuplicate: true, Driver: 'bridge', Labels: { 'com.docker.compose.network': 'default' } });

      const inspected = await client.networks.inspect(name);
      expect(inspected).toMatchObject({ Id, Name: name, Driver: 'bridge', Labels: { 'com.docker.compose.network': 'default' } });
      const listed = await client.networks.list({ filters: { name: [name] } });
      expect(listed.map((network) => network.Id)).toEqual([Id]);

      await client.networks.remove(Id);
      expect(await rejection(client.networks.inspect(Id))).toMatchObject({ status: 404, kind: 'not-found' });
    });
  });

  test('creates, lists by label and removes a volume', async () => {
    await withClient(async (client) => {
      const name = unique('vol');
      const created = await client.volumes.create({ Name: name, Labels: { 'com.docker.compose.volume': 'data' } });
      expect(created).toMatchObject({ Name: name, Driver: 'local' });

      const listed = await client.volumes.list({ filters: { label: ['com.docker.compose.volume=data'] } });
      expect(listed.map((volume) => volume.Name)).toEqual([name]);

      await client.volumes.remove(name);
      expect(await client.volumes.list({ filters: { name: [name] } })).toEqual([]);
    });
  });

  test('imports a root filesystem tar as a tagged image and removes it', async () => {
    await withClient(async (client) => {
      const reference = `${unique('berth-import')}:1`;
      const id = await client.images.import(createReadStream(busyboxTarball()), { reference, changes: ['CMD ["sh"]', 'ENV A=b'] });

      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      const inspected = await client.images.inspect(reference);
      expect(inspected).toMatchObject({ Id: id, RepoTags: [reference], Config: { Cmd: ['sh'], Env: ['A=b'] } });

      await client.images.tag(reference, 'berth-import-copy:2');
      expect((await client.images.inspect('berth-import-copy:2')).Id).toBe(id);
      const removed = await client.images.remove(id, { force: true });
      expect(removed).toContainEqual({ Deleted: id });
    });
  });

  test('fails a pull from a registry that does not answer with the engine message', async () => {
    await withClient(async (client) => {
      const pulling = (async () => {
        for await (const progress of client.images.pull('127.0.0.1:1/nothing/here:1')) void progress;
      })();
      const error = await rejection(pulling);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).engineMessage).toContain('127.0.0.1:1');
    });
  });

  test('creates an exec in a running container and inspects it', async () => {
    const image = await ensureBusyboxImage(engine());
    await withClient(async (client) => {
      const { Id } = await client.containers.create({ Image: image, Cmd: ['sleep', '600'] });
      await client.containers.start(Id);

      const exec = await client.exec.create(Id, { Cmd: ['echo', 'hi'], AttachStdout: true });
      const inspected = await client.exec.inspect(exec.Id);

      expect(inspected).toMatchObject({ ID: exec.Id, ContainerID: Id, Running: false, ExitCode: null, ProcessConfig: { entrypoint: 'echo', arguments: ['hi'] } });
      await client.containers.remove(Id, { force: true });
    });
  });
});
