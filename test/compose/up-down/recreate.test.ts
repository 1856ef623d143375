import { describe, expect, test } from 'vitest';
import { containerIds, containerStates, execIn, inspect } from '../../helpers/engine-probe.js';
import { busybox, expectSuccess, scenarioProject, useScenarioEngine } from './scenario.js';

const { engine, client } = useScenarioEngine();

/** `web` depends on `db`; both sleep (tini as PID 1 makes them stop at once). */
function webAndDb(greeting: string): string {
  return `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
  web:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    environment:
      GREETING: ${greeting}
    depends_on: [db]
`;
}

/** One service with an anonymous volume at /data. */
const withAnonymousVolume = `
services:
  store:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
    volumes: ["/data"]
`;

describe('up -d on a project that is already up', () => {
  test('with nothing changed recreates nothing', async () => {
    const project = scenarioProject(engine(), 'unchanged', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    const before = await containerIds(client(), project.name);
    expectSuccess(project.berth('up', '-d'));
    expect(await containerIds(client(), project.name)).toEqual(before);
  });

  test('with an environment value changed recreates only that service', async () => {
    const project = scenarioProject(engine(), 'env-changed', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    const before = await containerIds(client(), project.name);
    project.write(webAndDb('goodbye'));
    expectSuccess(project.berth('up', '-d'));
    const after = await containerIds(client(), project.name);
    expect(after[project.container('db')]).toBe(before[project.container('db')]);
    expect(after[project.container('web')]).not.toBe(before[project.container('web')]);
    expect((await inspect(client(), project.container('web'))).Config.Env).toContain('GREETING=goodbye');
  });

  test('with --force-recreate recreates every container', async () => {
    const project = scenarioProject(engine(), 'forced', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    const before = await containerIds(client(), project.name);
    expectSuccess(project.berth('up', '-d', '--force-recreate'));
    const after = await containerIds(client(), project.name);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [name, id] of Object.entries(after)) expect(id, name).not.toBe(before[name]);
  });

  test('with --no-recreate keeps even a changed service container', async () => {
    const project = scenarioProject(engine(), 'no-recreate', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    const before = await containerIds(client(), project.name);
    project.write(webAndDb('goodbye'));
    expectSuccess(project.berth('up', '-d', '--no-recreate'));
    expect(await containerIds(client(), project.name)).toEqual(before);
  });
});

describe('anonymous volumes across a recreate', () => {
  test('keep their data', async () => {
    const project = scenarioProject(engine(), 'anon-kept', withAnonymousVolume);
    expectSuccess(project.berth('up', '-d'));
    expect((await execIn(client(), project.container('store'), ['sh', '-c', 'echo kept > /data/marker'])).exitCode).toBe(0);
    expectSuccess(project.berth('up', '-d', '--force-recreate'));
    expect(await execIn(client(), project.container('store'), ['cat', '/data/marker'])).toMatchObject({ exitCode: 0, stdout: 'kept\n' });
  });

  test('start empty with -V', async () => {
    const project = scenarioProject(engine(), 'anon-renewed', withAnonymousVolume);
    expectSuccess(project.berth('up', '-d'));
    expect((await execIn(client(), project.container('store'), ['sh', '-c', 'echo kept > /data/marker'])).exitCode).toBe(0);
    expectSuccess(project.berth('up', '-d', '--force-recreate', '-V'));
    expect((await execIn(client(), project.container('store'), ['ls', '-A', '/data'])).stdout).toBe('');
  });
});

describe('up -d --scale', () => {
  test('web=2 runs two web containers', async () => {
    const project = scenarioProject(engine(), 'scaled-up', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d', '--scale', 'web=2'));
    expect(await containerStates(client(), project.name)).toEqual({
      [project.container('db')]: 'running',
      [project.container('web', 1)]: 'running',
      [project.container('web', 2)]: 'running',
    });
  });

  test('back to web=1 removes the second replica and keeps the first', async () => {
    const project = scenarioProject(engine(), 'scaled-down', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d', '--scale', 'web=2'));
    const before = await containerIds(client(), project.name);
    expectSuccess(project.berth('up', '-d', '--scale', 'web=1'));
    const after = await containerIds(client(), project.name);
    expect(after).toEqual({ [project.container('db')]: before[project.container('db')], [project.container('web')]: before[project.container('web')] });
  });
});

describe('orphan containers (of services no longer in the compose file)', () => {
  test('are warned about and left alone by up -d', async () => {
    const project = scenarioProject(engine(), 'orphan-warned', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    project.write(`services:\n  db:\n    image: ${busybox}\n    init: true\n    command: ["sleep", "3600"]\n`);
    const run = expectSuccess(project.berth('up', '-d'));
    expect(run.stderr).toMatch(new RegExp(`WARN .*orphan containers .*${project.container('web')}.*--remove-orphans`));
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'running', [project.container('web')]: 'running' });
  });

  test('are removed by up -d --remove-orphans', async () => {
    const project = scenarioProject(engine(), 'orphan-removed', webAndDb('hello'));
    expectSuccess(project.berth('up', '-d'));
    const before = await containerIds(client(), project.name);
    project.write(`services:\n  db:\n    image: ${busybox}\n    init: true\n    command: ["sleep", "3600"]\n`);
    const run = expectSuccess(project.berth('up', '-d', '--remove-orphans'));
    expect(run.stderr).not.toContain('WARN');
    expect(await containerIds(client(), project.name)).toEqual({ [project.container('db')]: before[project.container('db')] });
  });
});
