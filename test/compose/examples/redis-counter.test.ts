import { afterEach, describe, expect, test } from 'vitest';
import { httpGet, inspect, projectContainers, publishedPort } from '../../helpers/engine-probe.js';
import { freePortRange } from '../../helpers/free-port.js';
import { expectSuccess } from '../../helpers/run-berth.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { stackTimeoutMs, useExamples, type ExampleProject } from './example-project.js';

/** As wide as the compose file's default range: room for `--scale web=5`. */
const rangeSize = 5;

const { client, copy } = useExamples(['redis:7', 'node:18-slim']);
/** The test's copy of the example, taken down and removed after the test. */
let current: ExampleProject | undefined;

afterEach(() => {
  current?.remove();
  current = undefined;
}, stackTimeoutMs);

/** A copy of examples/redis-counter publishing its web replicas on a range of free host ports. */
async function redisCounter(): Promise<{ project: ExampleProject; range: { first: number; last: number } }> {
  const range = await freePortRange(rangeSize);
  current = copy('redis-counter', { COUNTER_PORTS: `${range.first}-${range.last}` });
  return { project: current, range };
}

/** The running web replicas by container name, each with its id and the host port the engine gave it. */
async function webReplicas(name: string): Promise<Map<string, { id: string; port: number }>> {
  const replicas = new Map<string, { id: string; port: number }>();
  for (const [container, summary] of [...(await projectContainers(client(), name))].sort(([a], [b]) => a.localeCompare(b))) {
    if (summary.Labels['com.docker.compose.service'] !== 'web' || summary.State !== 'running') continue;
    replicas.set(container, { id: summary.Id, port: await publishedPort(client(), container, 8080) });
  }
  return replicas;
}

/** One visit: the replica's hostname and the count after the visit it records. */
async function visit(port: number): Promise<{ hostname: string; count: number }> {
  const answer = await httpGet(port).catch((error: Error) => {
    throw new Error(`GET http://127.0.0.1:${port}/ failed: ${error.message}`, { cause: error });
  });
  expect(answer.status, answer.body).toBe(200);
  const page = /^Hello from (\S+): (\d+) visits so far$/.exec(answer.body.trim());
  if (!page) throw new Error(`unexpected page: ${answer.body}`);
  return { hostname: page[1]!, count: Number(page[2]) };
}

async function visitAll(replicas: Map<string, { port: number }>): Promise<number[]> {
  const counts: number[] = [];
  for (const { port } of replicas.values()) counts.push((await visit(port)).count);
  return counts;
}

describe('examples/redis-counter', () => {
  test('comes up with three healthy web replicas, each on its own port of the range, sharing one counter', async () => {
    const { project, range } = await redisCounter();
    expectSuccess(project.berth('up', '-d', '--wait'));

    const replicas = await webReplicas(project.name);
    expect([...replicas.keys()]).toEqual([1, 2, 3].map((index) => `${project.name}-web-${index}`));
    const ports = [...replicas.values()].map((replica) => replica.port);
    expect(new Set(ports).size).toBe(3);
    expect(Math.min(...ports)).toBeGreaterThanOrEqual(range.first);
    expect(Math.max(...ports)).toBeLessThanOrEqual(range.last);
    const ps = expectSuccess(project.berth('ps')).stdout;
    expect(ps).toMatch(new RegExp(`${project.name}-redis-1 .*Up .*\\(healthy\\)`));
    for (const [container, { port }] of replicas) expect(ps).toMatch(new RegExp(`${container} .*Up .*\\(healthy\\).*127\\.0\\.0\\.1:${port}->8080/tcp`));

    // Each replica answers with its own hostname (its short container id); the count is Redis's.
    const answers = [];
    for (const { port } of [...replicas.values(), ...replicas.values()]) answers.push(await visit(port));
    expect(answers.map((answer) => answer.count)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(answers.slice(0, 3).map((answer) => answer.hostname)).toEqual([...replicas.values()].map((replica) => replica.id.slice(0, 12)));
  }, stackTimeoutMs);

  test('a replica that crashes is restarted in place by the engine and answers again', async () => {
    const { project } = await redisCounter();
    expectSuccess(project.berth('up', '-d', '--wait'));
    const crashed = `${project.name}-web-2`;
    const before = await inspect(client(), crashed);
    expect(before.RestartCount).toBe(0);
    expect((await visit(await publishedPort(client(), crashed, 8080))).count).toBe(1);

    expect((await httpGet(await publishedPort(client(), crashed, 8080), '/crash')).status).toBe(200);
    // The same container, running and healthy again: the restart policy, not a recreation.
    const after = await waitUntil(async () => {
      const now = await inspect(client(), crashed);
      return now.RestartCount >= 1 && now.State.Running && now.State.Health?.Status === 'healthy' && now;
    }, `${crashed} restarted and healthy`, 30_000);
    expect(after.Id).toBe(before.Id);
    // Docker's engine may give the restarted replica another port of the range: ask it which.
    const answer = await waitUntil(async () => visit(await publishedPort(client(), crashed, 8080)), `${crashed} answering again`);
    expect(answer).toEqual({ hostname: before.Id.slice(0, 12), count: 2 });
    expect(expectSuccess(project.berth('ps', 'web')).stdout).toMatch(new RegExp(`${crashed} .*Up `));
  }, stackTimeoutMs);

  test('the count is kept across down and up in the named volume, and down -v resets it', async () => {
    const { project } = await redisCounter();
    expectSuccess(project.berth('up', '-d', '--wait'));
    expect(await visitAll(await webReplicas(project.name))).toEqual([1, 2, 3]);

    expectSuccess(project.berth('down'));
    expect(await projectContainers(client(), project.name)).toEqual(new Map());
    expectSuccess(project.berth('up', '-d', '--wait'));
    expect(await visitAll(await webReplicas(project.name))).toEqual([4, 5, 6]);

    expectSuccess(project.berth('down', '-v'));
    expectSuccess(project.berth('up', '-d', '--wait'));
    expect(await visitAll(await webReplicas(project.name))).toEqual([1, 2, 3]);
  }, stackTimeoutMs);

  test('up --scale web=5 runs five replicas on the five ports of the range, and --scale web=2 then removes three', async () => {
    const { project, range } = await redisCounter();
    expectSuccess(project.berth('up', '-d', '--wait', '--scale', 'web=5'));
    const five = await webReplicas(project.name);
    expect([...five.keys()]).toEqual([1, 2, 3, 4, 5].map((index) => `${project.name}-web-${index}`));
    expect([...five.values()].map((replica) => replica.port).sort((a, b) => a - b)).toEqual(Array.from({ length: rangeSize }, (_, offset) => range.first + offset));
    expect(await visitAll(five)).toEqual([1, 2, 3, 4, 5]);

    expectSuccess(project.berth('up', '-d', '--wait', '--scale', 'web=2'));
    const two = await webReplicas(project.name);
    const webContainers = [...(await projectContainers(client(), project.name)).values()].filter((container) => container.Labels['com.docker.compose.service'] === 'web');
    expect([two.size, webContainers.length]).toEqual([2, 2]);
    // The two left are replicas that were running, not new ones.
    expect([...two.values()].every((replica) => [...five.values()].some((kept) => kept.id === replica.id))).toBe(true);
    expect(await visitAll(two)).toEqual([6, 7]);
  }, stackTimeoutMs);
});
