import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { containerStates, httpGet, httpRequest, inspect, nanosOf } from '../../helpers/engine-probe.js';
import { freePort } from '../../helpers/free-port.js';
import { expectSuccess } from '../../helpers/run-berth.js';
import { stackTimeoutMs, useExamples, type ExampleProject } from './example-project.js';

const { client, copy } = useExamples(['postgres:15', 'node:18-slim']);

interface Stack {
  project: ExampleProject;
  port: number;
}

/** A copy of examples/internal-migrations publishing its API on a free host port. */
async function internalMigrations(): Promise<Stack> {
  const port = await freePort();
  return { project: copy('internal-migrations', { API_PORT: String(port) }), port };
}

let running: Promise<Stack> | undefined;

/**
 * One copy brought up with `up -d --wait` for the scenarios that only look at a healthy stack:
 * a Postgres initialization each would triple the file's time. Whichever test runs first starts it.
 */
function runningStack(): Promise<Stack> {
  running ??= internalMigrations().then((stack) => {
    expectSuccess(stack.project.berth('up', '-d', '--wait'));
    return stack;
  });
  return running;
}

const seeded = [
  { id: 1, title: 'write the migrations', done: true },
  { id: 2, title: 'start the api after them', done: false },
];

interface Task {
  id: number;
  title: string;
  done: boolean;
}

async function tasks(port: number): Promise<Task[]> {
  const answer = await httpGet(port, '/tasks');
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body) as Task[];
}

describe('examples/internal-migrations', () => {
  test('up --wait succeeds with migrate exited 0, and api started only after migrate finished', async () => {
    const { project } = await runningStack();
    const [migrate, api] = [await inspect(client(), `${project.name}-migrate-1`), await inspect(client(), `${project.name}-api-1`)];

    expect([migrate.State.Status, migrate.State.ExitCode]).toEqual(['exited', 0]);
    expect(api.State.Status).toBe('running');
    expect(nanosOf(api.State.StartedAt) > nanosOf(migrate.State.FinishedAt), `api started ${api.State.StartedAt}, migrate finished ${migrate.State.FinishedAt}`).toBe(true);
    expect(expectSuccess(project.berth('ps', '-a')).stdout).toMatch(new RegExp(`${project.name}-migrate-1 .*Exited \\(0\\)`));
    const logs = expectSuccess(project.berth('logs', 'migrate')).stdout;
    expect(logs).toContain('applying /migrations/001_create_tasks.sql');
    expect(logs).toContain('applying /migrations/002_seed_tasks.sql');
  }, stackTimeoutMs);

  test('the api lists the rows the migrations seeded and reads back a task it was sent', async () => {
    const { port } = await runningStack();
    expect((await tasks(port)).slice(0, 2)).toEqual(seeded);

    const added = await httpRequest(port, '/tasks', { method: 'POST', json: { title: 'read it back' } });
    expect(added.status, added.body).toBe(201);
    const { id } = JSON.parse(added.body) as Task;
    expect((await tasks(port)).find((task) => task.id === id)).toEqual({ id, title: 'read it back', done: false });
  }, stackTimeoutMs);

  test('backend is an internal network, db is only on it and publishes no port, and api joins frontend too', async () => {
    const { project } = await runningStack();
    const networks = await Promise.all(['backend', 'frontend'].map((network) => client().networks.inspect(`${project.name}_${network}`)));
    expect(networks.map((network) => network.Internal)).toEqual([true, false]);

    const db = await inspect(client(), `${project.name}-db-1`);
    expect(Object.keys(db.NetworkSettings.Networks ?? {})).toEqual([`${project.name}_backend`]);
    expect(Object.values(db.NetworkSettings.Ports ?? {}).flatMap((bindings) => bindings ?? [])).toEqual([]);
    const dbLine = expectSuccess(project.berth('ps', 'db')).stdout.split('\n').find((line) => line.startsWith(`${project.name}-db-1 `));
    expect(dbLine, 'db in berth ps').toBeDefined();
    expect(dbLine).not.toContain('->');
    const api = await inspect(client(), `${project.name}-api-1`);
    expect(Object.keys(api.NetworkSettings.Networks ?? {}).sort()).toEqual([`${project.name}_backend`, `${project.name}_frontend`]);
  }, stackTimeoutMs);

  test('a second up runs the migrations again without duplicating the seeded rows', async () => {
    const { project, port } = await runningStack();
    const before = (await inspect(client(), `${project.name}-migrate-1`)).State.FinishedAt;
    expectSuccess(project.berth('up', '-d', '--wait'));

    const migrate = await inspect(client(), `${project.name}-migrate-1`);
    expect(nanosOf(migrate.State.FinishedAt) > nanosOf(before), `migrate finished ${before}, then ${migrate.State.FinishedAt}`).toBe(true);
    expect(migrate.State.ExitCode).toBe(0);
    const titles = (await tasks(port)).map((task) => task.title);
    expect(seeded.map(({ title }) => titles.filter((each) => each === title).length)).toEqual([1, 1]);
  }, stackTimeoutMs);

  test('a failing migration makes up fail naming migrate, and leaves api not started', async () => {
    const { project } = await internalMigrations();
    writeFileSync(join(project.directory, 'migrations', '003_broken.sql'), 'INSERT INTO no_such_table VALUES (1);\n');

    const up = project.berth('up', '-d', '--wait');
    expect(up.status, up.stdout + up.stderr).not.toBe(0);
    expect(up.stderr).toMatch(/service "migrate" didn't complete successfully: exit 3 \(container /);
    const migrate = await inspect(client(), `${project.name}-migrate-1`);
    expect([migrate.State.Status, migrate.State.ExitCode]).toEqual(['exited', 3]);
    // psql's error is on the container's stderr, which `logs` writes to its own stderr.
    const logs = expectSuccess(project.berth('logs', 'migrate'));
    expect(logs.stdout + logs.stderr).toContain('psql:/migrations/003_broken.sql:1: ERROR:  relation "no_such_table" does not exist');
    // up creates every container before it starts any, so api exists but never ran.
    expect((await containerStates(client(), project.name))[`${project.name}-api-1`]).toBe('created');
  }, stackTimeoutMs);
});
