import { randomBytes } from 'node:crypto';
import { accessSync, constants, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { stringify } from 'yaml';
import { BerthError } from '../../src/errors/berth-error.js';
import { logTail, signal, spawnDockerd, terminate, type DockerdProcess } from './dockerd-process.js';
import { runToolSync, toolMissing } from './fixtures/host-tools.js';
import { configFileName, makeRegistryDirectory, recordRegistryPid, removeAbandonedRegistries } from './registry-directory.js';

/**
 * A registry started for tests and owned by them: Debian's docker-registry (distribution v2.8) on
 * 127.0.0.1, plain HTTP, storage in its own temp directory. Pushes go through `pushFixture`; the
 * code under test talks to `url`.
 */
export interface TestRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, the registry part of an image reference. */
  host: string;
  /** The Basic credentials the registry asks for, or undefined when it serves everyone. */
  auth: RegistryCredentials | undefined;
  /** The registry's private directory (config, storage, log), gone after stop(). */
  directory: string;
  logPath: string;
  stop(): Promise<void>;
}

export interface RegistryCredentials {
  user: string;
  password: string;
}

export interface RegistryOptions {
  /** Ask for these credentials (htpasswd, bcrypt): `/v2/` answers 401 with a Basic challenge without them. */
  auth?: RegistryCredentials;
}

const binary = '/usr/bin/docker-registry';
const startTimeoutMs = 10_000;
const stopGraceMs = 5_000;
const running = new Map<DockerdProcess, string>();

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw toolMissing('docker-registry');
  }
  removeAbandonedRegistries();
  const directory = makeRegistryDirectory();
  const logPath = join(directory, 'registry.log');
  const configPath = join(directory, configFileName);
  let child: DockerdProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child) {
        await terminate(child, stopGraceMs);
        running.delete(child);
      }
      rmSync(directory, { recursive: true, force: true });
    })());

  try {
    if (options.auth) {
      // -B: bcrypt, the only hash distribution accepts; -n prints the line instead of editing a file.
      writeFileSync(join(directory, 'htpasswd'), runToolSync('htpasswd', ['-Bbn', options.auth.user, options.auth.password]));
    }
    writeFileSync(configPath, stringify(registryConfig(directory, options.auth !== undefined)));
    child = spawnDockerd(binary, ['serve', configPath], logPath);
    running.set(child, directory);
    recordRegistryPid(directory, child.pid);
    const host = await waitUntilServing(child, logPath);
    return { url: `http://${host}`, host, auth: options.auth, directory, logPath, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * distribution's configuration: a port of 0 lets the kernel pick a free one, which the registry
 * logs as `listening on 127.0.0.1:PORT` (race-free, unlike probing for a free port first).
 */
function registryConfig(directory: string, withAuth: boolean): Record<string, unknown> {
  return {
    version: '0.1',
    log: { level: 'info', formatter: 'text' },
    storage: {
      filesystem: { rootdirectory: join(directory, 'storage') },
      delete: { enabled: true },
      // No background purge of upload directories while a test runs.
      maintenance: { uploadpurging: { enabled: false } },
    },
    // A secret of its own silences the warning about a generated one.
    http: { addr: '127.0.0.1:0', secret: randomBytes(16).toString('hex') },
    ...(withAuth ? { auth: { htpasswd: { realm: 'berth-test-registry', path: join(directory, 'htpasswd') } } } : {}),
  };
}

/** Reads the port from the log, then polls `GET /v2/` until it answers 200 or 401. */
async function waitUntilServing(child: DockerdProcess, logPath: string): Promise<string> {
  const deadline = Date.now() + startTimeoutMs;
  let host: string | undefined;
  for (;;) {
    if (child.hasExited()) throw startFailure(`docker-registry exited during start-up (${await child.exited})`, logPath);
    host ??= /listening on (127\.0\.0\.1:\d+)/.exec(readLog(logPath))?.[1];
    if (host) {
      const answer = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      if (answer?.status === 200 || answer?.status === 401) return host;
    }
    if (Date.now() > deadline) throw startFailure(`docker-registry did not answer GET /v2/ within ${startTimeoutMs / 1000} s`, logPath);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readLog(logPath: string): string {
  try {
    return readFileSync(logPath, 'utf8');
  } catch {
    return '';
  }
}

function startFailure(reason: string, logPath: string): BerthError {
  return new BerthError({
    code: 'TEST_REGISTRY_START',
    kind: 'unavailable',
    message: `test registry failed to start: ${reason}; last lines of ${logPath}:\n${logTail(logPath)}`,
    hint: 'the log lines above are docker-registry\'s own; `/usr/bin/docker-registry --version` checks that the binary runs at all',
  });
}

// A test process that exits without stopping its registries still ends them and their storage.
process.once('exit', () => {
  for (const [child, directory] of running) {
    signal(child.pid, 'SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * One registry for the tests of a file: started in beforeAll, stopped in afterAll. The getter
 * fails when called before beforeAll has run (at collection time).
 */
export function useRegistry(options: RegistryOptions = {}): () => TestRegistry {
  let registry: TestRegistry | undefined;
  beforeAll(async () => {
    registry = await startRegistry(options);
  }, startTimeoutMs + 5_000);
  afterAll(async () => {
    await registry?.stop();
  }, stopGraceMs + 5_000);
  return () => {
    if (!registry) throw new Error('the test registry is not running: call the getter inside a test or hook, not while tests are being collected');
    return registry;
  };
}
