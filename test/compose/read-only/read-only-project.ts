import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { formatEndpoint, type EngineClient } from '../../../src/api/index.js';
import { useTestEngine, type TestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { startBerth, type BerthProcess } from '../../helpers/berth-process.js';
import { useEngineClient } from '../../helpers/engine-probe.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

export { expectSuccess } from '../../helpers/run-berth.js';

export const busybox = 'berth-fixture/busybox:1';

/** The test file's engine with the busybox image on it, and a client to act and look with. */
export function useReadOnlyEngine(): { engine: () => TestEngine; client: () => EngineClient } {
  const engine = useTestEngine();
  const client = useEngineClient(engine);
  beforeAll(async () => {
    await ensureBusyboxImage(engine());
  }, 120_000);
  return { engine, client };
}

/** A project in its own folder (named like the project), and berth run in it against the test engine. */
export interface ReadOnlyProject {
  name: string;
  directory: string;
  /** `berth -H <engine> args...` in the project folder, run to the end. */
  berth(...args: string[]): BerthRun;
  /** The same from another folder, where no compose file is. */
  berthElsewhere(...args: string[]): BerthRun;
  /** The same, left running: `logs -f`, `events`. */
  start(...args: string[]): BerthProcess;
  /** `<project>-<service>-<n>`. */
  container(service: string, number?: number): string;
}

const made: string[] = [];

// Projects here are often shared by a file's tests (made in beforeAll), so folders go after all of them.
afterAll(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

export function readOnlyProject(engine: TestEngine, label: string, compose: string): ReadOnlyProject {
  const name = `${label}-${randomBytes(3).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'berth-read-only-'));
  made.push(root);
  const directory = join(root, name);
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(directory);
  mkdirSync(elsewhere);
  writeFileSync(join(directory, 'compose.yaml'), compose);
  const host = ['-H', formatEndpoint(engine.endpoint)];
  return {
    name,
    directory,
    berth: (...args) => runBerth([...host, ...args], { cwd: directory }),
    berthElsewhere: (...args) => runBerth([...host, ...args], { cwd: elsewhere }),
    start: (...args) => startBerth([...host, ...args], { cwd: directory }),
    container: (service, number = 1) => `${name}-${service}-${number}`,
  };
}

