import type { TestEngine } from './docker-engine.js';
import { engineRequest, expectStatus } from './engine-http.js';

/** One Engine API call that must succeed; returns the body. For the harness's own tests. */
export async function call(engine: TestEngine, method: string, path: string, json?: unknown): Promise<string> {
  return expectStatus(await engineRequest(engine.endpoint, { method, path, json }), [200, 201, 204], `${method} ${path}`).body;
}

export interface ContainerRun {
  exitCode: number;
  /** stdout and stderr as the logs endpoint streams them, frame headers included. */
  output: string;
}

/** Creates and starts a container from `config` and waits for it to exit. */
export async function runToExit(engine: TestEngine, config: Record<string, unknown>): Promise<ContainerRun> {
  const { Id } = JSON.parse(await call(engine, 'POST', '/containers/create', config)) as { Id: string };
  await call(engine, 'POST', `/containers/${Id}/start`);
  const { StatusCode } = JSON.parse(await call(engine, 'POST', `/containers/${Id}/wait`)) as { StatusCode: number };
  return { exitCode: StatusCode, output: await call(engine, 'GET', `/containers/${Id}/logs?stdout=1&stderr=1`) };
}
