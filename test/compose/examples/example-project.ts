import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { formatEndpoint, type EngineClient } from '../../../src/api/index.js';
import { useTestEngine, type TestEngine } from '../../harness/docker-engine.js';
import { copyExample } from '../../harness/example-copy.js';
import { provideExampleImages, type ExampleImage } from '../../harness/example-images.js';
import { useRegistry } from '../../harness/registry.js';
import { startBerth, type BerthProcess } from '../../helpers/berth-process.js';
import { useEngineClient } from '../../helpers/engine-probe.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

/** A copy of one of examples/, in a folder of its own, driven by the CLI against a test engine. */
export interface ExampleProject {
  /** The project name: the copy's folder name, as Compose derives it. */
  name: string;
  directory: string;
  /** `berth -H <engine> --progress plain args...` in the copy, with the project's environment. */
  berth(...args: string[]): BerthRun;
  /** The same, left running (`watch`). */
  start(...args: string[]): BerthProcess;
  /** Takes the project down with its volumes and removes the copy; once, however often it is called. */
  remove(): void;
}

// The first run on a machine builds the fixtures from Debian packages.
const firstImagesTimeoutMs = 20 * 60_000;
/** Time enough for a test that brings a copy up, down and up again, and for taking copies down. */
export const stackTimeoutMs = 180_000;

/**
 * For a file of example tests: the test engine (BERTH_TEST_ENGINE's), given `images` under their
 * Docker Hub names from a registry of the file's own before the tests, a client for it, and
 * `copy`, which makes an exampleProject on it. Copies not removed by a test are removed after the file.
 */
export function useExamples(images: readonly ExampleImage[]): { client: () => EngineClient; copy: (example: string, env?: Record<string, string>) => ExampleProject } {
  const engine = useTestEngine();
  const registry = useRegistry();
  const client = useEngineClient(engine);
  const copies: ExampleProject[] = [];
  beforeAll(() => provideExampleImages(engine(), registry(), images), firstImagesTimeoutMs);
  afterAll(() => {
    for (const copy of copies) copy.remove();
  }, stackTimeoutMs);
  return {
    client,
    copy: (example, env) => {
      const project = exampleProject(engine(), example, env);
      copies.push(project);
      return project;
    },
  };
}

/**
 * Copies `examples/<example>` with its node modules installed (copyExample) to a fresh folder
 * named `<example>-<random>`, so each copy is a project of its own. `env` is the environment the
 * compose file reads, such as a published port.
 */
function exampleProject(engine: TestEngine, example: string, env: Record<string, string> = {}): ExampleProject {
  const name = `${example}-${randomBytes(3).toString('hex')}`;
  const directory = join(mkdtempSync(join(tmpdir(), 'berth-example-')), name);
  copyExample(example, directory);
  const host = ['-H', formatEndpoint(engine.endpoint), '--progress', 'plain'];
  let removed = false;
  const project: ExampleProject = {
    name,
    directory,
    berth: (...args) => runBerth([...host, ...args], { cwd: directory, env: { NO_COLOR: '1', ...env } }),
    start: (...args) => startBerth([...host, ...args], { cwd: directory, env: { NO_COLOR: '1', ...env } }),
    remove: () => {
      if (removed) return;
      removed = true;
      project.berth('down', '--volumes', '--remove-orphans', '--timeout', '5');
      rmSync(join(directory, '..'), { recursive: true, force: true });
    },
  };
  return project;
}
