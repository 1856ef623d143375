import { randomBytes } from 'node:crypto';
import { beforeAll } from 'vitest';
import type { EngineClient, ImageInspect } from '../../../src/api/index.js';
import { formatEndpoint } from '../../../src/api/index.js';
import { useTestEngine, type TestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { useEngineClient } from '../../helpers/engine-probe.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';

export { expectSuccess } from '../../helpers/run-berth.js';

/** The offline image every Dockerfile of these scenarios starts FROM. */
export const busybox = 'berth-fixture/busybox:1';

/** One engine for a test file (Docker's, or berth's under compose-on-berth), with busybox on it and a client to look at it. */
export function useBuildEngine(): { engine: () => TestEngine; client: () => EngineClient } {
  const engine = useTestEngine();
  const client = useEngineClient(engine);
  beforeAll(async () => {
    await ensureBusyboxImage(engine());
  }, 120_000);
  return { engine, client };
}

/** A project folder of its own holding `files` (compose.yaml, Dockerfiles, context files), and berth run in it with -H. */
export interface BuildProject {
  /** Unique per test, so scenarios never see each other's images: `<label>-<6 hex>`. */
  name: string;
  directory: string;
  /** `berth -H <engine> --progress plain args...`, run to the end; `env` adds variables. */
  berth(args: string[], env?: Record<string, string>): BerthRun;
  /** The image as `docker image inspect` shows it, or undefined when the engine lacks it. */
  image(reference: string): Promise<ImageInspect | undefined>;
}

export function buildProject(engine: TestEngine, client: EngineClient, label: string, files: Record<string, string>): BuildProject {
  const name = `${label}-${randomBytes(3).toString('hex')}`;
  const directory = tempProject(files, name);
  return {
    name,
    directory,
    berth: (args, env = {}) => runBerth(['-H', formatEndpoint(engine.endpoint), '--progress', 'plain', ...args], { cwd: directory, env: { NO_COLOR: '1', ...env } }),
    image: (reference) => client.images.inspect(reference).catch(() => undefined),
  };
}

/** The error as berth reported it: standard error from the `berth: ` line on, without the progress lines before it. */
export function errorReport(run: BerthRun): string {
  const start = run.stderr.search(/^berth: /m);
  return start < 0 ? '' : run.stderr.slice(start);
}
