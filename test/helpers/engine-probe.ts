import { request } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { EngineClient, outputChunks, startExec, type ContainerInspect, type ContainerSummary, type EngineEvent } from '../../src/api/index.js';
import type { TestEngine } from '../harness/docker-engine.js';
import { waitUntil } from './wait-until.js';

/**
 * What a scenario checks on the engine after berth acted, the way a user would look with the
 * docker CLI: containers, their state, a command run inside one, events. It goes through the
 * Engine API client, never through berth's scheduler, so a scheduler bug cannot hide itself.
 */

/** A client for the file's test engine, connected in beforeAll (after the engine starts) and closed in afterAll. */
export function useEngineClient(engine: () => TestEngine): () => EngineClient {
  let client: EngineClient | undefined;
  beforeAll(async () => {
    client = await EngineClient.connect(engine().endpoint);
  });
  afterAll(() => client?.close());
  return () => {
    if (!client) throw new Error('the engine client is not connected: call the getter inside a test or hook');
    return client;
  };
}

/** The project's containers (running or not), by name. */
export async function projectContainers(client: EngineClient, project: string): Promise<Map<string, ContainerSummary>> {
  const containers = await client.containers.list({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  return new Map(containers.map((container) => [(container.Names[0] ?? container.Id).replace(/^\//, ''), container]));
}

/** Container name → id, sorted by name: comparing two of these says what was recreated. */
export async function containerIds(client: EngineClient, project: string): Promise<Record<string, string>> {
  const containers = await projectContainers(client, project);
  return Object.fromEntries([...containers].sort(([a], [b]) => a.localeCompare(b)).map(([name, container]) => [name, container.Id]));
}

/** Container name → state (`running`, `exited`, ...), sorted by name. */
export async function containerStates(client: EngineClient, project: string): Promise<Record<string, string>> {
  const containers = await projectContainers(client, project);
  return Object.fromEntries([...containers].sort(([a], [b]) => a.localeCompare(b)).map(([name, container]) => [name, container.State]));
}

export function inspect(client: EngineClient, container: string): Promise<ContainerInspect> {
  return client.containers.inspect(container);
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` in a running container, as `docker exec` does, and waits for it to finish. */
export async function execIn(client: EngineClient, container: string, command: readonly string[]): Promise<ExecResult> {
  const { Id } = await client.exec.create(container, { Cmd: [...command], AttachStdout: true, AttachStderr: true });
  const session = await startExec(client.endpoint, client.apiPrefix, Id, { tty: false });
  const output = { stdout: '', stderr: '' };
  for await (const chunk of session.output) {
    if (chunk.stream === 'stdout' || chunk.stream === 'stderr') output[chunk.stream] += chunk.data.toString('utf8');
  }
  session.close();
  // The output can end a moment before the engine records the exit code.
  const exitCode = await waitUntil(async () => (await client.exec.inspect(Id)).ExitCode ?? undefined, `exit code of ${command.join(' ')} in ${container}`);
  return { exitCode, ...output };
}

/** A container's whole output so far, stdout and stderr together. */
export async function containerOutput(client: EngineClient, container: string): Promise<string> {
  const response = await client.containers.logs(container, { stdout: true, stderr: true });
  let text = '';
  for await (const chunk of outputChunks(response, false)) text += chunk.data.toString('utf8');
  return text;
}

/** The container events of a project between two moments (Unix seconds), in order. */
export async function projectEvents(client: EngineClient, project: string, since: number, until: number): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const event of client.events({ since, until, filters: { type: ['container'], label: [`com.docker.compose.project=${project}`] } })) events.push(event);
  return events;
}

/** The host port the engine published for a container's `privatePort/tcp`. */
export async function publishedPort(client: EngineClient, container: string, privatePort: number): Promise<number> {
  const bindings = (await inspect(client, container)).NetworkSettings.Ports?.[`${privatePort}/tcp`] ?? [];
  const port = Number(bindings[0]?.HostPort);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${container} publishes no host port for ${privatePort}/tcp: ${JSON.stringify(bindings)}`);
  return port;
}

/** `GET http://127.0.0.1:port/path` with node's http: status and body. */
export function httpGet(port: number, path = '/'): Promise<{ status: number; body: string }> {
  return httpRequest(port, path);
}

/**
 * A request to `http://127.0.0.1:port/path` with node's http (a JSON `body` is sent as such):
 * status and body. A connection of its own each time: node 20's global agent keeps sockets alive,
 * and one kept from before a `down` is reset.
 */
export function httpRequest(port: number, path = '/', options: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: string }> {
  const headers = options.json === undefined ? {} : { 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, timeout: 5_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    sent.on('timeout', () => sent.destroy(new Error(`no answer from 127.0.0.1:${port} within 5 s`)));
    sent.on('error', reject);
    sent.end(options.json === undefined ? undefined : JSON.stringify(options.json));
  });
}

/** An RFC 3339 time with nanoseconds (as inspect reports times) as nanoseconds since the epoch, exactly. */
export function nanosOf(time: string): bigint {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!match) throw new Error(`not an RFC 3339 time: ${time}`);
  return BigInt(Date.parse(`${match[1]}${match[3]}`)) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}
