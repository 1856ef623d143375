import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/api/client/engine-client.js';
import { BerthError } from '../../../src/errors/berth-error.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scratchDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'berth-client-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A UNIX socket server that accepts connections and never answers them. */
async function silentServer(socketPath: string): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return server;
}

async function connectError(...args: Parameters<typeof EngineClient.connect>): Promise<BerthError> {
  const failure = await EngineClient.connect(...args).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(BerthError);
  return failure as BerthError;
}

describe('EngineClient.connect to an engine that cannot be reached', () => {
  it('says there is no socket and how to start an engine', async () => {
    const socketPath = join(scratchDirectory(), 'absent.sock');
    const error = await connectError({ kind: 'unix', socketPath });
    expect(error).toMatchObject({ kind: 'unavailable', code: 'ENGINE_UNAVAILABLE' });
    expect(error.message).toBe(`cannot reach the engine at unix://${socketPath}: no socket at ${socketPath}`);
    expect(error.hint).toBe("start berth's engine (sudo berth daemon), or point -H, DOCKER_HOST or a context (berth context use) at a running engine's socket");
  });

  it('says nothing is listening when a TCP port refuses the connection', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const error = await connectError({ kind: 'tcp', host: '127.0.0.1', port });
    expect(error.message).toBe(`cannot reach the engine at tcp://127.0.0.1:${port}: nothing is listening on 127.0.0.1:${port} (connection refused)`);
  });

  it('gives up on an engine that accepts but never answers', async () => {
    const socketPath = join(scratchDirectory(), 'silent.sock');
    await silentServer(socketPath);
    const error = await connectError({ kind: 'unix', socketPath }, { timeoutMs: 200 });
    expect(error).toMatchObject({ kind: 'unavailable', code: 'ENGINE_UNAVAILABLE' });
    expect(error.message).toBe(`cannot reach the engine at unix://${socketPath}: no answer within 200 ms`);
  });
});
