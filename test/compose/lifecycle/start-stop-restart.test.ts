import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { expectSuccess, lifecycleProject, statesOf } from './lifecycle-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

/** db, web depending on it with `restart: true`, and cache on its own; all stop at once. */
const webAndDb = `
services:
  db:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
  web:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
    depends_on:
      db:
        condition: service_started
        restart: true
  cache:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    stop_grace_period: 1s
`;

describe('berth stop and start', () => {
  test('stop leaves every container exited and start brings them back running', async () => {
    const project = lifecycleProject(engine(), 'lc-stop', webAndDb);
    expectSuccess(project.berth(['up', '-d']));

    expectSuccess(project.berth(['stop']));
    expect(await statesOf(project)).toEqual({ 'lc-stop-cache-1': 'exited', 'lc-stop-db-1': 'exited', 'lc-stop-web-1': 'exited' });

    expectSuccess(project.berth(['start']));
    expect(await statesOf(project)).toEqual({ 'lc-stop-cache-1': 'running', 'lc-stop-db-1': 'running', 'lc-stop-web-1': 'running' });
  });

  test('stop of one service leaves the others running', async () => {
    const project = lifecycleProject(engine(), 'lc-stop-one', webAndDb);
    expectSuccess(project.berth(['up', '-d']));

    expectSuccess(project.berth(['stop', '-t', '1', 'cache']));

    expect(await statesOf(project)).toEqual({ 'lc-stop-one-cache-1': 'exited', 'lc-stop-one-db-1': 'running', 'lc-stop-one-web-1': 'running' });
  });

  test('start of a service also starts what it depends on', async () => {
    const project = lifecycleProject(engine(), 'lc-start-deps', webAndDb);
    expectSuccess(project.berth(['up', '-d']));
    expectSuccess(project.berth(['stop']));

    expectSuccess(project.berth(['start', 'web']));

    expect(await statesOf(project)).toEqual({ 'lc-start-deps-cache-1': 'exited', 'lc-start-deps-db-1': 'running', 'lc-start-deps-web-1': 'running' });
  });

  test('start of a project with no containers fails like Compose, naming the service', async () => {
    const project = lifecycleProject(engine(), 'lc-start-none', webAndDb);

    const run = project.berth(['start']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('service "cache" has no container to start');
    expect(await project.containers()).toEqual(new Map());
  });

  test('--dry-run stop prints the plan on stderr and leaves the containers running', async () => {
    const project = lifecycleProject(engine(), 'lc-dry', webAndDb);
    expectSuccess(project.berth(['up', '-d']));

    const run = expectSuccess(project.berth(['--dry-run', 'stop']));

    expect(run.stderr).toContain('stop container lc-dry-web-1');
    expect(run.stderr).toMatch(/#\d+ stop container lc-dry-db-1 \(running\) after #\d+/);
    expect(await statesOf(project)).toEqual({ 'lc-dry-cache-1': 'running', 'lc-dry-db-1': 'running', 'lc-dry-web-1': 'running' });
  });
});

describe('berth restart', () => {
  test('restart of db restarts web, which depends on it with restart: true, after it, and leaves cache alone', async () => {
    const project = lifecycleProject(engine(), 'lc-restart', webAndDb);
    expectSuccess(project.berth(['up', '-d']));
    const before = await project.containers();

    expectSuccess(project.berth(['restart', 'db']));

    const after = await project.containers();
    const startedAt = (name: string, from: typeof after): number => Date.parse(from.get(name)!.State.StartedAt);
    expect(startedAt('lc-restart-db-1', after)).toBeGreaterThan(startedAt('lc-restart-db-1', before));
    expect(startedAt('lc-restart-web-1', after)).toBeGreaterThan(startedAt('lc-restart-web-1', before));
    expect(startedAt('lc-restart-web-1', after)).toBeGreaterThanOrEqual(startedAt('lc-restart-db-1', after));
    expect(after.get('lc-restart-cache-1')!.State.StartedAt).toBe(before.get('lc-restart-cache-1')!.State.StartedAt);
    expect(after.get('lc-restart-web-1')!.State.Status).toBe('running');
  });

  test('restart --no-deps restarts only the service named', async () => {
    const project = lifecycleProject(engine(), 'lc-restart-nodeps', webAndDb);
    expectSuccess(project.berth(['up', '-d']));
    const before = await project.containers();

    expectSuccess(project.berth(['restart', '--no-deps', 'db']));

    const after = await project.containers();
    expect(after.get('lc-restart-nodeps-db-1')!.State.StartedAt).not.toBe(before.get('lc-restart-nodeps-db-1')!.State.StartedAt);
    expect(after.get('lc-restart-nodeps-web-1')!.State.StartedAt).toBe(before.get('lc-restart-nodeps-web-1')!.State.StartedAt);
  });

  test('restart starts a stopped container', async () => {
    const project = lifecycleProject(engine(), 'lc-restart-stopped', webAndDb);
    expectSuccess(project.berth(['up', '-d']));
    expectSuccess(project.berth(['stop', 'cache']));

    expectSuccess(project.berth(['restart', 'cache']));

    expect((await statesOf(project))['lc-restart-stopped-cache-1']).toBe('running');
  });
});

describe('berth kill, pause and unpause', () => {
  test('kill -s SIGKILL leaves the containers exited with 137', async () => {
    const project = lifecycleProject(engine(), 'lc-kill', webAndDb);
    expectSuccess(project.berth(['up', '-d']));

    expectSuccess(project.berth(['kill', '-s', 'SIGKILL', 'web', 'db']));

    const containers = await project.containers();
    expect(containers.get('lc-kill-web-1')!.State).toMatchObject({ Status: 'exited', ExitCode: 137 });
    expect(containers.get('lc-kill-db-1')!.State).toMatchObject({ Status: 'exited', ExitCode: 137 });
    expect(containers.get('lc-kill-cache-1')!.State.Status).toBe('running');
  });

  test('kill with nothing running says so and succeeds', async () => {
    const project = lifecycleProject(engine(), 'lc-kill-none', webAndDb);
    expectSuccess(project.berth(['create']));

    const run = expectSuccess(project.berth(['kill']));

    expect(run.stderr).toContain('No container to kill');
  });

  test('pause freezes the containers and unpause thaws them', async () => {
    const project = lifecycleProject(engine(), 'lc-pause', webAndDb);
    expectSuccess(project.berth(['up', '-d']));

    expectSuccess(project.berth(['pause']));
    expect(await statesOf(project)).toEqual({ 'lc-pause-cache-1': 'paused', 'lc-pause-db-1': 'paused', 'lc-pause-web-1': 'paused' });

    expectSuccess(project.berth(['unpause', 'web']));
    expect(await statesOf(project)).toEqual({ 'lc-pause-cache-1': 'paused', 'lc-pause-db-1': 'paused', 'lc-pause-web-1': 'running' });

    expectSuccess(project.berth(['unpause']));
    expect(await statesOf(project)).toEqual({ 'lc-pause-cache-1': 'running', 'lc-pause-db-1': 'running', 'lc-pause-web-1': 'running' });
  });
});
