import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEndpoint } from '../../../src/api/endpoint.js';

export interface ReceivedRequest {
  head: string;
  body: string;
}

/** What the fake engine does with one connection once it has read the request. */
export type FakeHandler = (request: ReceivedRequest, connection: Socket) => void;

export interface FakeEngine {
  endpoint: EngineEndpoint;
  stop(): Promise<void>;
}

/**
 * A stand-in engine on a UNIX socket that speaks just enough HTTP to test the hijack handshake's
 * forms (101, plain 200, errors) byte for byte, which a real dockerd cannot be made to vary.
 */
export async function startFakeEngine(handler: FakeHandler): Promise<FakeEngine> {
  const directory = mkdtempSync(join(tmpdir(), 'bh-'));
  const socketPath = join(directory, 'engine.sock');
  const connections = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd === -1) return;
      const head = received.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const bodyEnd = headEnd + 4 + length;
      if (received.length < bodyEnd) return;
      connection.off('data', onData);
      const rest = received.subarray(bodyEnd);
      if (rest.length > 0) connection.unshift(rest);
      handler({ head, body: received.subarray(headEnd + 4, bodyEnd).toString('utf8') }, connection);
    };
    connection.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    endpoint: { kind: 'unix', socketPath },
    stop: async () => {
      for (const connection of connections) connection.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
