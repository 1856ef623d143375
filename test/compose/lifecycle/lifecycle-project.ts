import { EngineClient } from '../../../src/api/client/engine-client.js';
import type { ContainerInspect } from '../../../src/api/types/containers.js';
import type { TestEngine } from '../../harness/docker-engine.js';
import { runBerth, type BerthRun } from '../../helpers/run-berth.js';

export { expectSuccess } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';

/** A compose project in a temporary folder (its name is the folder's), driven by the real CLI against a test engine. */
export interface LifecycleProject {
  name: string;
  directory: string;
  /** Runs `berth ARGS` in the project folder against the test engine. */
  berth(args: string[], options?: { input?: string }): BerthRun;
  /** The project's containers as `docker inspect` shows them, by name (`lc-web-1`). */
  containers(): Promise<Map<string, ContainerInspect>>;
  /** The engine's client, for the checks a user would make with the docker CLI. */
  withClient<T>(use: (client: EngineClient) => Promise<T>): Promise<T>;
}

/**
 * Writes `compose.yaml` into a folder named `name` and returns the handle. Each test names its
 * own project, so tests in one file never see each other's containers.
 */
export function lifecycleProject(engine: TestEngine, name: string, compose: string): LifecycleProject {
  const directory = tempProject({ 'compose.yaml': compose }, name);
  const host = engine.endpoint.kind === 'unix' ? `unix://${engine.endpoint.socketPath}` : '';
  const withClient = async <T>(use: (client: EngineClient) => Promise<T>): Promise<T> => {
    const client = await EngineClient.connect(engine.endpoint);
    try {
      return await use(client);
    } finally {
      client.close();
    }
  };
  return {
    name,
    directory,
    berth: (args, options = {}) => runBerth(args, { cwd: directory, input: options.input, env: { DOCKER_HOST: host, BERTH_HOST: '', NO_COLOR: '1' } }),
    containers: () =>
      withClient(async (client) => {
        const listed = await client.containers.list({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } });
        const inspected = await Promise.all(listed.map((summary) => client.containers.inspect(summary.Id)));
        return new Map(inspected.map((container) => [container.Name.replace(/^\//, ''), container]));
      }),
    withClient,
  };
}


/** The states of the project's containers, by name, sorted: `{ 'lc-db-1': 'running' }`. */
export async function statesOf(project: LifecycleProject): Promise<Record<string, string>> {
  const containers = await project.containers();
  return Object.fromEntries([...containers].sort(([a], [b]) => a.localeCompare(b)).map(([name, container]) => [name, container.State.Status]));
}
