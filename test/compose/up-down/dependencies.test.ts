import { describe, expect, test } from 'vitest';
import { containerStates, inspect, nanosOf, projectEvents } from '../../helpers/engine-probe.js';
import { busybox, errorReport, expectSuccess, scenarioProject, useScenarioEngine } from './scenario.js';

const { engine, client } = useScenarioEngine();

/** A health check that fails its first `failures` runs and passes from then on (it counts its runs in a file). */
function failsFirst(failures: number): string {
  return `["CMD-SHELL", "n=$$(( $$(cat /tmp/checks 2>/dev/null || echo 0) + 1 )); echo $$n > /tmp/checks; echo check $$n; [ $$n -gt ${failures} ]"]`;
}

const sleeper = `image: ${busybox}\n    init: true\n    command: ["sleep", "3600"]`;

/** `web` waits for `db` to be healthy; db's check fails twice before it passes. */
const waitsForHealthy = `
services:
  db:
    ${sleeper}
    healthcheck:
      test: ${failsFirst(2)}
      interval: 500ms
      retries: 5
  web:
    ${sleeper}
    depends_on:
      db: {condition: service_healthy}
`;

/** `web` waits for `init` to exit 0; init exits with `code`. */
function waitsForInit(code: number, required = true): string {
  return `
services:
  init:
    image: ${busybox}
    command: ["sh", "-c", "echo initialising; exit ${code}"]
  web:
    ${sleeper}
    depends_on:
      init: {condition: service_completed_successfully, required: ${required}}
`;
}

/** Unix seconds now, for event queries. */
const now = (): number => Date.now() / 1000;

describe('depends_on condition service_healthy', () => {
  test('starts the dependent only after the dependency is healthy', async () => {
    const project = scenarioProject(engine(), 'healthy-first', waitsForHealthy);
    expectSuccess(project.berth('up', '-d'));
    const db = await inspect(client(), project.container('db'));
    const web = await inspect(client(), project.container('web'));
    const checks = db.State.Health?.Log ?? [];
    const firstPass = checks.findIndex((check) => check.ExitCode === 0);
    // A failed check before the first passing one shows the log still holds db's whole way to healthy.
    expect(firstPass, JSON.stringify(checks)).toBeGreaterThan(0);
    expect(nanosOf(web.State.StartedAt)).toBeGreaterThanOrEqual(nanosOf(checks[firstPass]!.End));
  });

  test('waits through a dependency that is unhealthy once and then recovers within its retries', async () => {
    // Three failures with retries: 2 make db unhealthy; the fourth check passes.
    const project = scenarioProject(engine(), 'recovers', `
services:
  db:
    ${sleeper}
    healthcheck:
      test: ${failsFirst(3)}
      interval: 300ms
      retries: 2
  web:
    ${sleeper}
    depends_on:
      db: {condition: service_healthy}
`);
    const since = now();
    expectSuccess(project.berth('up', '-d'));
    const health = (await projectEvents(client(), project.name, since, now()))
      .filter((event) => event.Action.startsWith('health_status'))
      .map((event) => event.Action);
    expect(health.slice(0, 2)).toEqual(['health_status: unhealthy', 'health_status: healthy']);
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'running', [project.container('web')]: 'running' });
  });

  test('fails up with exit 1 and the last health output when the dependency stays unhealthy', async () => {
    const project = scenarioProject(engine(), 'stays-sick', `
services:
  db:
    ${sleeper}
    healthcheck:
      test: ["CMD-SHELL", "echo disk is full; exit 1"]
      interval: 200ms
      retries: 1
  web:
    ${sleeper}
    depends_on:
      db: {condition: service_healthy}
`);
    const run = project.berth('up', '-d');
    expect(run.status).toBe(1);
    expect(errorReport(run)).toContain(project.container('db'));
    expect(errorReport(run)).toContain('disk is full');
  });
});

describe('depends_on condition service_completed_successfully', () => {
  test('starts the dependent after the dependency exited 0', async () => {
    const project = scenarioProject(engine(), 'init-ok', waitsForInit(0));
    expectSuccess(project.berth('up', '-d'));
    const init = await inspect(client(), project.container('init'));
    const web = await inspect(client(), project.container('web'));
    expect(init.State).toMatchObject({ Status: 'exited', ExitCode: 0 });
    expect(web.State.Status).toBe('running');
    expect(nanosOf(web.State.StartedAt)).toBeGreaterThanOrEqual(nanosOf(init.State.FinishedAt));
  });

  test('fails up with exit 1, naming the service and its exit code, when the dependency exits 1', async () => {
    const project = scenarioProject(engine(), 'init-fails', waitsForInit(1));
    const run = project.berth('up', '-d');
    expect(run.status).toBe(1);
    expect(errorReport(run)).toMatch(/service "init" didn't complete successfully: exit 1\b/);
  });

  test('only warns when the failing dependency is required: false', async () => {
    const project = scenarioProject(engine(), 'init-optional', waitsForInit(1, false));
    const run = expectSuccess(project.berth('up', '-d'));
    expect(run.stderr).toMatch(/WARN .*\binit\b.*didn't complete successfully: exit 1\b/);
    expect((await inspect(client(), project.container('web'))).State.Status).toBe('running');
  });
});

describe('a failed up', () => {
  const twoFailuresAndABystander = `
services:
  sick:
    ${sleeper}
    healthcheck:
      test: ["CMD-SHELL", "echo sick for good; exit 1"]
      interval: 200ms
      retries: 1
  init:
    image: ${busybox}
    command: ["sh", "-c", "exit 3"]
  needs-sick:
    ${sleeper}
    depends_on:
      sick: {condition: service_healthy}
  needs-init:
    ${sleeper}
    depends_on:
      init: {condition: service_completed_successfully}
  bystander:
    ${sleeper}
`;

  test('leaves the independent services it started running', async () => {
    const project = scenarioProject(engine(), 'bystander', twoFailuresAndABystander);
    expect(project.berth('up', '-d').status).toBe(1);
    const states = await containerStates(client(), project.name);
    expect(states[project.container('bystander')]).toBe('running');
    expect(states[project.container('needs-sick')]).not.toBe('running');
    expect(states[project.container('needs-init')]).not.toBe('running');
  });

  test('lists every failure in its error', async () => {
    const project = scenarioProject(engine(), 'all-failures', twoFailuresAndABystander);
    const report = errorReport(project.berth('up', '-d'));
    expect(report).toContain(`service "init" didn't complete successfully: exit 3 (container ${project.container('init')})`);
    expect(report).toContain('sick for good');
  });
});
