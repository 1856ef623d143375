import { EngineClient } from '../../../src/api/client/engine-client.js';
import type { ContainerSummary } from '../../../src/api/types/containers.js';
import type { TestEngine } from '../../harness/docker-engine.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

export { expectSuccess } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';

/** A compose project in a temporary folder named after the project, driven by the real CLI. */
export interface InteractiveProject {
  name: string;
  directory: string;
  /** `berth ARGS` in the project folder against the test engine; stdin is `input` (a pipe, never a TTY). */
  berth(args: string[], options?: { input?: string; cwd?: string }): BerthRun;
  /** The project's containers (running or not), as `docker ps -a` lists them. */
  containers(): Promise<ContainerSummary[]>;
}

/** Two busybox services: web depends on db. Both sleep, and stop at once. */
export const webAndDb = `
services:
  db:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
  web:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
    depends_on: [db]
`;

export function interactiveProject(engine: TestEngine, name: string, compose = webAndDb, files: Record<string, string> = {}): InteractiveProject {
  const directory = tempProject({ 'compose.yaml': compose, ...files }, name);
  const host = engine.endpoint.kind === 'unix' ? `unix://${engine.endpoint.socketPath}` : '';
  return {
    name,
    directory,
    berth: (args, options = {}) => runBerth(args, { cwd: options.cwd ?? directory, input: options.input, env: { DOCKER_HOST: host, BERTH_HOST: '', NO_COLOR: '1' } }),
    containers: async () => {
      const client = await EngineClient.connect(engine.endpoint);
      try {
        return await client.containers.list({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } });
      } finally {
        client.close();
      }
    },
  };
}


/** The service label of each listed container, with whether it is a one-off: `web (one-off)`. */
export function describeContainers(containers: readonly ContainerSummary[]): string[] {
  return containers
    .map((container) => {
      const labels = container.Labels ?? {};
      return `${labels['com.docker.compose.service']}${labels['com.docker.compose.oneoff'] === 'True' ? ' (one-off)' : ''} ${container.State}`;
    })
    .sort();
}
