import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { containerStates, execIn, httpGet, projectContainers, publishedPort } from '../../helpers/engine-probe.js';
import { runBerth } from '../../helpers/run-berth.js';
import { tempProject } from '../../helpers/temp-project.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { busybox, errorReport, expectSuccess, scenarioProject, useScenarioEngine } from './scenario.js';

const { engine, client } = useScenarioEngine();

/** Two web servers: `web` publishes its port on 127.0.0.1 and depends on `db`. */
const webAndDb = `
services:
  db:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "mkdir -p /www && echo db-answer > /www/index.html && exec httpd -f -p 80 -h /www"]
  web:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "mkdir -p /www && echo web-answer > /www/index.html && exec httpd -f -p 80 -h /www"]
    depends_on: [db]
    ports: ["127.0.0.1::80"]
`;

describe('up -d of a two-service project', () => {
  test('leaves both services running', async () => {
    const project = scenarioProject(engine(), 'two-running', webAndDb);
    expectSuccess(project.berth('up', '-d'));
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'running', [project.container('web')]: 'running' });
  });

  test('lets web reach db by its service name', async () => {
    const project = scenarioProject(engine(), 'by-name', webAndDb);
    expectSuccess(project.berth('up', '-d'));
    const fetched = await waitUntil(async () => {
      const result = await execIn(client(), project.container('web'), ['wget', '-q', '-O', '-', 'http://db/']);
      return result.exitCode === 0 && result;
    }, 'db to answer web on http://db/');
    expect(fetched.stdout).toBe('db-answer\n');
  });

  test('publishes web port 80 on 127.0.0.1', async () => {
    const project = scenarioProject(engine(), 'published', webAndDb);
    expectSuccess(project.berth('up', '-d'));
    const port = await publishedPort(client(), project.container('web'), 80);
    const answer = await waitUntil(() => httpGet(port), `an answer on 127.0.0.1:${port}`);
    expect(answer).toEqual({ status: 200, body: 'web-answer\n' });
  });
});

describe('up -d with a published port another process holds', () => {
  test('fails naming the port and the process that holds it, and starts the other services', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    try {
      const port = (holder.address() as AddressInfo).port;
      const project = scenarioProject(engine(), 'port-taken', `services:
  web:
    image: ${busybox}
    init: true
    command: ["httpd", "-f", "-p", "80"]
    ports: ["${port}:80"]
  other:
    image: ${busybox}
    init: true
    command: ["sleep", "3600"]
`);
      const run = await project.berthInBackground('up', '-d');
      expect(run.status).toBe(1);
      expect(errorReport(run)).toContain(`service web cannot publish port ${port}/tcp: it is already in use by node (pid ${process.pid})`);
      expect((await containerStates(client(), project.name))[project.container('other')]).toBe('running');
    } finally {
      holder.close();
    }
  });
});

describe('--dry-run up -d', () => {
  test('prints the plan', async () => {
    const project = scenarioProject(engine(), 'dry-plan', webAndDb);
    const run = expectSuccess(project.berth('--dry-run', 'up', '-d'));
    const printed = run.stdout + run.stderr;
    expect(printed).toContain(`create network ${project.name}_default`);
    expect(printed).toContain(`create container ${project.container('db')}`);
    expect(printed).toContain(`create container ${project.container('web')}`);
  });

  test('creates no container and no network', async () => {
    const project = scenarioProject(engine(), 'dry-nothing', webAndDb);
    expectSuccess(project.berth('--dry-run', 'up', '-d'));
    expect(await projectContainers(client(), project.name)).toEqual(new Map());
    expect((await client().networks.list()).map((network) => network.Name)).not.toContain(`${project.name}_default`);
  });
});

describe('two concurrent up -d of one project', () => {
  test('both succeed and leave exactly one container per service and one network', async () => {
    const project = scenarioProject(engine(), 'racing', webAndDb);
    const runs = await Promise.all([project.berthInBackground('up', '-d'), project.berthInBackground('up', '-d')]);
    runs.forEach((run, index) => expectSuccess(run, `up #${index + 1}`));
    expect(await containerStates(client(), project.name)).toEqual({ [project.container('db')]: 'running', [project.container('web')]: 'running' });
    expect((await client().networks.list()).filter((network) => network.Name === `${project.name}_default`)).toHaveLength(1);
  });
});

describe('up against an engine that cannot do it', () => {
  test('with no engine at the -H socket fails with exit 1 and says how to get one', () => {
    const directory = tempProject({ 'compose.yaml': webAndDb }, 'no-engine');
    const run = runBerth(['-H', 'unix:///nonexistent.sock', 'up', '-d'], { cwd: directory });
    expect(run.status).toBe(1);
    expect(errorReport(run)).toContain('/nonexistent.sock');
    expect(errorReport(run)).toMatch(/hint: .*start/i);
  });

  test('with an image the engine lacks and --pull never fails naming the image', async () => {
    const project = scenarioProject(engine(), 'absent-image', `services:\n  web:\n    image: berth-fixture/absent:1\n`);
    const run = project.berth('up', '-d', '--pull', 'never');
    expect(run.status).toBe(1);
    expect(errorReport(run)).toContain('image berth-fixture/absent:1 for service web is not on the engine');
    expect((await client().networks.list()).map((network) => network.Name)).not.toContain(`${project.name}_default`);
  });

  test('with an image no registry serves fails naming the image', async () => {
    const project = scenarioProject(engine(), 'unpullable', `services:\n  web:\n    image: berth-fixture/absent:1\n`);
    const run = project.berth('up', '-d');
    expect(run.status).toBe(1);
    expect(errorReport(run)).toContain('berth-fixture/absent:1');
  });
});
