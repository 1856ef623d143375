import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { relayContainerEvents } from '../../../src/api/server/events/container-events.js';
import { EventHub } from '../../../src/api/server/events/event-hub.js';
import { createApiServer, engineRoutes } from '../../../src/api/server/index.js';
import type { EngineParts } from '../../../src/api/server/engine-parts.js';
import type { EngineEndpoint } from '../../../src/api/index.js';
import { useEngine, type EngineFixture } from '../../runtime/containers/engine/engine-fixture.js';

const run = promisify(execFile);

/**
 * berth's Engine API served over a real engine (useEngine: containers, networks, volumes, an
 * image store filled from the test registry) on a socket of the test file's own, without the
 * daemon process around it. `docker(...)` runs the machine's real docker CLI against it.
 */
export interface ApiServerFixture {
  engine: EngineFixture;
  parts(): EngineParts;
  endpoint(): EngineEndpoint;
  socketPath(): string;
  /** Runs `docker -H unix://SOCKET ...args`; resolves with its output and exit code, never rejects on a non-zero exit. */
  docker(args: string[], options?: { input?: string; timeoutMs?: number; env?: Record<string, string>; cwd?: string }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Server-side failures logged while the test ran (500s and broken streams). */
  logged: string[];
}

export function useApiServer(): ApiServerFixture {
  const engine = useEngine();
  // Short: a UNIX socket path holds 108 bytes.
  const directory = mkdtempSync(join(tmpdir(), 'bapi-'));
  const socketPath = join(directory, 'api.sock');
  const logged: string[] = [];
  let parts: EngineParts | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    parts = {
      containers: engine.engine(),
      networks: engine.networks(),
      volumes: engine.engine().volumes,
      images: engine.images(),
      registry: {},
      events: new EventHub(),
      builderRoot: join(engine.root, 'state', 'builder'),
      facts: { id: 'TEST:ENGINE', name: hostname(), version: '0.0.0-test', dataRoot: join(engine.root, 'state'), execRoot: join(engine.root, 'run'), runtimePath: 'runc', labels: [] },
    };
    relayContainerEvents(parts.containers, parts.events, parts.networks);
    server = createApiServer({ routes: engineRoutes(parts), apiVersion: '1.41', minApiVersion: '1.12', server: 'berth/0.0.0-test (linux)', log: (line) => logged.push(line) });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(socketPath, () => resolve());
    });
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(directory, { recursive: true, force: true });
  });

  return {
    engine,
    parts: () => parts!,
    endpoint: () => ({ kind: 'unix', socketPath }),
    socketPath: () => socketPath,
    async docker(args, options = {}) {
      try {
        const child = run('docker', ['-H', `unix://${socketPath}`, ...args], {
          timeout: options.timeoutMs ?? 60_000,
          env: { ...process.env, DOCKER_CONFIG: join(directory, 'docker-config'), DOCKER_CLI_HINTS: 'false', ...options.env },
          ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        });
        if (options.input !== undefined) child.child.stdin?.end(options.input);
        else child.child.stdin?.end();
        const { stdout, stderr } = await child;
        return { stdout, stderr, exitCode: 0 };
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; code?: number };
        return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', exitCode: typeof failed.code === 'number' ? failed.code : -1 };
      }
    },
    logged,
  };
}
