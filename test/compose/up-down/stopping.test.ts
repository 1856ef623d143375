import { describe, expect, test } from 'vitest';
import { containerStates, projectContainers, projectEvents } from '../../helpers/engine-probe.js';
import { busybox, errorReport, expectSuccess, scenarioProject, useScenarioEngine } from './scenario.js';

const { engine, client } = useScenarioEngine();

/** `web` depends on `db`, which keeps its data in the named volume `data`. */
const withNamedVolume = `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    volumes: ["data:/data"]
  web:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    depends_on: [db]
volumes:
  data: {}
`;

async function networkNames(): Promise<string[]> {
  return (await client().networks.list()).map((network) => network.Name);
}

async function volumeNames(): Promise<string[]> {
  return (await client().volumes.list()).map((volume) => volume.Name);
}

/** Unix seconds now, for event queries. */
const now = (): number => Date.now() / 1000;

describe('down', () => {
  test('removes the containers and the network and keeps named volumes', async () => {
    const project = scenarioProject(engine(), 'down-keeps', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    expectSuccess(project.berth('down'));
    expect(await projectContainers(client(), project.name)).toEqual(new Map());
    expect(await networkNames()).not.toContain(`${project.name}_default`);
    expect(await volumeNames()).toContain(`${project.name}_data`);
  });

  test('with -v removes the named volumes too', async () => {
    const project = scenarioProject(engine(), 'down-v', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    expectSuccess(project.berth('down', '-v'));
    expect(await volumeNames()).not.toContain(`${project.name}_data`);
  });

  test('a second time succeeds', async () => {
    const project = scenarioProject(engine(), 'down-twice', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    expectSuccess(project.berth('down'), 'first down');
    expectSuccess(project.berth('down'), 'second down');
  });

  test('with a broken compose file fails with the file and line and leaves the stack running', async () => {
    const project = scenarioProject(engine(), 'down-broken', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    project.write(`services:\n  web:\n    image: [${busybox}\n`);
    const run = project.berth('down');
    expect(run.status).toBe(1);
    expect(errorReport(run)).toContain(`${project.directory}/compose.yaml:3:`);
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'running', [project.container('web')]: 'running' });
  });

  test('keeps an orphan container and the network it still uses, warns, and succeeds', async () => {
    const project = scenarioProject(engine(), 'down-orphan', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    project.write(`services:\n  db:\n    image: ${busybox}\n    init: true\n    command: ["sleep", "3600"]\n`);
    const run = expectSuccess(project.berth('down'));
    expect(run.stderr).toMatch(new RegExp(`WARN .*orphan containers .*${project.container('web')}`));
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('web')]: 'running' });
    expect(await networkNames()).toContain(`${project.name}_default`);
  });

  test('with --remove-orphans removes orphan containers and the network too', async () => {
    const project = scenarioProject(engine(), 'down-orphan-rm', withNamedVolume);
    expectSuccess(project.berth('up', '-d'));
    project.write(`services:\n  db:\n    image: ${busybox}\n    init: true\n    command: ["sleep", "3600"]\n`);
    expectSuccess(project.berth('down', '--remove-orphans'));
    expect(await projectContainers(client(), project.name)).toEqual(new Map());
    expect(await networkNames()).not.toContain(`${project.name}_default`);
  });

  test('stops a dependent before its dependency', async () => {
    // web ignores SIGTERM (sleep as PID 1) and dies only at the 1 s SIGKILL; db stops at once.
    // Were they stopped together, db would die first.
    const project = scenarioProject(engine(), 'down-order', `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
  web:
    image: ${busybox}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    depends_on: [db]
`);
    expectSuccess(project.berth('up', '-d'));
    const since = now();
    expectSuccess(project.berth('down'));
    const deaths = (await projectEvents(client(), project.name, since, now())).filter((event) => event.Action === 'die');
    const diedAt = (container: string): number => {
      const event = deaths.find((candidate) => candidate.Actor.Attributes.name === container);
      if (!event) throw new Error(`no die event for ${container}: ${JSON.stringify(deaths)}`);
      return event.timeNano;
    };
    expect(diedAt(project.container('web'))).toBeLessThanOrEqual(diedAt(project.container('db')));
  });
});

describe('attached up', () => {
  test('prints Attaching to, the prefixed log lines and then the exit code', async () => {
    const project = scenarioProject(engine(), 'attached', `
services:
  web:
    image: ${busybox}
    command: ["sh", "-c", "echo first line; echo second line"]
`);
    const run = expectSuccess(await project.berthInBackground('up'));
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'Attaching to web-1',
      'web-1  | first line',
      'web-1  | second line',
      'web-1 exited with code 0',
    ]);
  });

  test('with --abort-on-container-exit stops the rest when one exits and returns its exit code', async () => {
    const project = scenarioProject(engine(), 'abort-exit', `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
  job:
    image: ${busybox}
    command: ["sh", "-c", "echo working; exit 4"]
    depends_on: [db]
`);
    const run = await project.berthInBackground('up', '--abort-on-container-exit');
    expect(run.status, run.stderr).toBe(4);
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'exited', [project.container('job')]: 'exited' });
  });

  test('with --exit-code-from returns that service exit code', async () => {
    const project = scenarioProject(engine(), 'exit-code-from', `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
  job:
    image: ${busybox}
    command: ["sh", "-c", "echo working; exit 7"]
    depends_on: [db]
`);
    const run = await project.berthInBackground('up', '--exit-code-from', 'job');
    expect(run.status, run.stderr).toBe(7);
  });

  test('with --abort-on-container-exit aborts on a container that exited while up still started others', async () => {
    // job exits at once; up returns only once web has waited for db to be healthy.
    const project = scenarioProject(engine(), 'abort-early', `
services:
  job:
    image: ${busybox}
    command: ["sh", "-c", "echo working; exit 4"]
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
  web:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      db: {condition: service_healthy}
`);
    const run = await project.berthInBackground('up', '--attach', 'job', '--abort-on-container-exit');
    expect(run.status, run.stdout + run.stderr).toBe(4);
    expect(await containerStates(client(), project.name)).toEqual({
      [project.container('db')]: 'exited',
      [project.container('job')]: 'exited',
      [project.container('web')]: 'exited',
    });
  });

  test('after a config change follows the new container and ignores the exit of the one it replaced', async () => {
    const compose = (greeting: string): string => `
services:
  web:
    image: ${busybox}
    init: true
    environment:
      GREETING: ${greeting}
    command: ["sh", "-c", "echo web says $$GREETING; exec sleep 3600"]
`;
    const project = scenarioProject(engine(), 'attach-recreated', compose('hello'));
    expectSuccess(project.berth('up', '-d'));
    project.write(compose('goodbye'));
    const up = project.startBerth('up', '--abort-on-container-exit');
    await up.waitForOutput(/web-1 +\| web says goodbye/);
    up.signal('SIGINT');
    const run = await up.exited;
    expect(run.stdout).not.toContain('Aborting');
    expect(run.status, run.stdout + run.stderr).toBe(130);
  });

  test('stops the stack gracefully on SIGINT and exits 130', async () => {
    const project = scenarioProject(engine(), 'interrupted', `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "echo db ready; exec sleep 3600"]
  web:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "echo web ready; exec sleep 3600"]
    depends_on: [db]
`);
    const up = project.startBerth('up');
    await up.waitForOutput(/web-1 +\| web ready/);
    up.signal('SIGINT');
    const run = await up.exited;
    expect(run.status, run.stderr).toBe(130);
    expect(run.stdout).toContain('Gracefully stopping... (press Ctrl+C again to force)');
    expect(run.stdout).toMatch(/^db-1 exited with code \d+$/m);
    expect(run.stdout).toMatch(/^web-1 exited with code \d+$/m);
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'exited', [project.container('web')]: 'exited' });
  });
});
