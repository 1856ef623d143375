import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import type { EngineClient } from '../../../src/api/index.js';
import { formatEndpoint } from '../../../src/api/index.js';
import { useTestEngine, type TestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { startBerth, runBerthInBackground, type BerthExit, type BerthProcess } from '../../helpers/berth-process.js';
import { useEngineClient } from '../../helpers/engine-probe.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

export { expectSuccess } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';

/** The offline image every compose file of these scenarios uses. */
export const busybox = 'berth-fixture/busybox:1';

/** One engine for a test file, with the busybox image on it and a client to look at it. */
export function useScenarioEngine(): { engine: () => TestEngine; client: () => EngineClient } {
  const engine = useTestEngine();
  const client = useEngineClient(engine);
  beforeAll(async () => {
    await ensureBusyboxImage(engine());
  }, 120_000);
  return { engine, client };
}

/**
 * A project folder of its own (compose.yaml in a directory named after the project, so berth
 * finds both as a user's `cd` would), and berth run in it against the test engine with -H.
 */
export interface ScenarioProject {
  /** Unique per test, so scenarios never see each other's containers. */
  name: string;
  directory: string;
  /** Replaces compose.yaml, as a user editing it between two commands. */
  write(compose: string): void;
  /** `berth -H <engine> args...`, run to the end. */
  berth(...args: string[]): BerthRun;
  /** The same without blocking, so several can run at once. */
  berthInBackground(...args: string[]): Promise<BerthExit>;
  /** The same, left running: attached `up`. */
  startBerth(...args: string[]): BerthProcess;
  /** `<project>-<service>-<n>`. */
  container(service: string, number?: number): string;
}

export function scenarioProject(engine: TestEngine, label: string, compose: string): ScenarioProject {
  const name = `${label}-${randomBytes(3).toString('hex')}`;
  const directory = tempProject({ 'compose.yaml': compose }, name);
  const host = ['-H', formatEndpoint(engine.endpoint)];
  return {
    name,
    directory,
    write: (text) => writeFileSync(join(directory, 'compose.yaml'), text),
    berth: (...args) => runBerth([...host, ...args], { cwd: directory }),
    berthInBackground: (...args) => runBerthInBackground([...host, ...args], { cwd: directory }),
    startBerth: (...args) => startBerth([...host, ...args], { cwd: directory }),
    container: (service, number = 1) => `${name}-${service}-${number}`,
  };
}


/** The error as berth reported it: standard error from the `berth: ` line on, without the progress lines before it. */
export function errorReport(run: BerthRun): string {
  const start = run.stderr.search(/^berth: /m);
  return start < 0 ? '' : run.stderr.slice(start);
}
