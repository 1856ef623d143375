import { beforeAll, describe, expect, test } from 'vitest';
import { containerOutput, inspect, publishedPort } from '../../helpers/engine-probe.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { busybox, expectSuccess, readOnlyProject, useReadOnlyEngine, type ReadOnlyProject } from './read-only-project.js';

const { engine, client } = useReadOnlyEngine();

/** Two long-running services (web publishes port 80 on a free host port) and one that has exited. */
const compose = `
services:
  web:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "echo web says hello; echo web complains >&2; exec sleep 600"]
    ports: ["127.0.0.1::80"]
  worker:
    image: ${busybox}
    init: true
    command: ["sh", "-c", "echo worker ready; exec sleep 600"]
  once:
    image: ${busybox}
    command: ["echo", "once done"]
`;

// Every test here only reads, so they share one project, brought up once.
let project: ReadOnlyProject;
let webPort: number;

beforeAll(async () => {
  project = readOnlyProject(engine(), 'listing', compose);
  expectSuccess(project.berth('up', '-d'));
  await waitUntil(async () => (await inspect(client(), project.container('once'))).State.Status === 'exited', 'once to exit');
  await waitUntil(async () => (await containerOutput(client(), project.container('web'))).includes('web complains'), 'web to print its lines');
  await waitUntil(async () => (await containerOutput(client(), project.container('worker'))).includes('worker ready'), 'worker to print its line');
  webPort = await publishedPort(client(), project.container('web'), 80);
}, 60_000);

/** A table's rows as cells: columns are separated by at least two spaces (or end the line). */
function cells(table: string): string[][] {
  return table.trimEnd().split('\n').map((line) => line.trimEnd().split(/ {2,}/));
}

describe('ps', () => {
  test('lists the running containers under Compose columns, web with its published port', () => {
    const rows = cells(expectSuccess(project.berth('ps')).stdout);
    expect(rows[0]).toEqual(['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual([
      [project.container('web'), busybox, 'web'],
      [project.container('worker'), busybox, 'worker'],
    ]);
    expect(rows[1]!.at(-1)).toBe(`127.0.0.1:${webPort}->80/tcp`);
  });

  test('shows the exited container only with -a', () => {
    expect(expectSuccess(project.berth('ps')).stdout).not.toContain(project.container('once'));
    const once = cells(expectSuccess(project.berth('ps', '-a')).stdout).find((row) => row[0] === project.container('once'));
    expect(once?.[5]).toMatch(/^Exited \(0\) /);
  });

  test('-q prints the full id of each running container', async () => {
    const ids = await Promise.all(['web', 'worker'].map(async (service) => (await inspect(client(), project.container(service))).Id));
    expect(expectSuccess(project.berth('ps', '-q')).stdout).toBe(ids.map((id) => `${id}\n`).join(''));
  });

  test('--services prints the running services', () => {
    expect(expectSuccess(project.berth('ps', '--services')).stdout).toBe('web\nworker\n');
  });

  test('--status exited and --filter status=exited list only the exited container', () => {
    expect(expectSuccess(project.berth('ps', '--status', 'exited', '--format', '{{.Name}}')).stdout).toBe(`${project.container('once')}\n`);
    expect(expectSuccess(project.berth('ps', '--filter', 'status=exited', '--format', '{{.Name}}')).stdout).toBe(`${project.container('once')}\n`);
  });

  test('--format json prints one object per container with its publishers', () => {
    const objects = expectSuccess(project.berth('ps', '--format', 'json')).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects.map((object) => [object.Name, object.Service, object.State])).toEqual([
      [project.container('web'), 'web', 'running'],
      [project.container('worker'), 'worker', 'running'],
    ]);
    expect(objects[0]!.Publishers).toEqual([{ URL: '127.0.0.1', TargetPort: 80, PublishedPort: webPort, Protocol: 'tcp' }]);
  });

  test('with -p needs no compose file', () => {
    const run = expectSuccess(project.berthElsewhere('-p', project.name, 'ps', '--format', '{{.Service}}'));
    expect(run.stdout).toBe('web\nworker\n');
  });

  test('refuses a service the project does not have', () => {
    const run = project.berth('ps', 'nope');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('no such service: nope');
  });
});

describe('logs', () => {
  test("prints each line after its container's name, standard error on standard error", () => {
    const run = expectSuccess(project.berth('logs'));
    expect(run.stdout).toMatch(/^web-1 +\| web says hello$/m);
    expect(run.stdout).toMatch(/^worker-1 +\| worker ready$/m);
    expect(run.stdout).toMatch(/^once-1 +\| once done$/m);
    expect(run.stderr).toMatch(/^web-1 +\| web complains$/m);
  });

  test('--no-log-prefix prints the bare lines of the named service', () => {
    expect(expectSuccess(project.berth('logs', '--no-log-prefix', 'worker')).stdout).toBe('worker ready\n');
  });
});

describe('port', () => {
  test('prints the host address and port a private port is published on', () => {
    expect(expectSuccess(project.berth('port', 'web', '80')).stdout).toBe(`127.0.0.1:${webPort}\n`);
  });

  test('fails with exit 1 for a port that is not published', () => {
    const run = project.berth('port', 'web', '81');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`no port 81/tcp for container ${project.container('web')}`);
  });
});

describe('images', () => {
  test("lists each container's image with its repository, tag and short id", async () => {
    const id = (await client().images.inspect(busybox)).Id.replace('sha256:', '');
    const rows = cells(expectSuccess(project.berth('images')).stdout);
    expect(rows[0]).toEqual(['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE']);
    expect(rows.slice(1).map((row) => row.slice(0, 4))).toEqual(
      ['once', 'web', 'worker'].map((service) => [project.container(service), 'berth-fixture/busybox', '1', id.slice(0, 12)]),
    );
  });

  test('-q prints the image id once', async () => {
    const id = (await client().images.inspect(busybox)).Id.replace('sha256:', '');
    expect(expectSuccess(project.berth('images', '-q')).stdout).toBe(`${id}\n`);
  });
});

describe('top', () => {
  test("prints each running container's name, then its processes", () => {
    const { stdout } = expectSuccess(project.berth('top', 'web'));
    const [name, header, ...processes] = stdout.split('\n');
    expect(name).toBe(project.container('web'));
    expect(header).toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME +CMD$/);
    expect(processes.some((line) => /\bsleep 600\b/.test(line))).toBe(true);
  });
});

describe('ls', () => {
  test('lists the running project with its status and compose file', () => {
    const row = cells(expectSuccess(project.berthElsewhere('ls')).stdout).find((cellsOfRow) => cellsOfRow[0] === project.name);
    expect(row).toEqual([project.name, 'running(2)', `${project.directory}/compose.yaml`]);
  });

  test('-a counts the exited container too', () => {
    const row = cells(expectSuccess(project.berthElsewhere('ls', '-a')).stdout).find((cellsOfRow) => cellsOfRow[0] === project.name);
    expect(row?.[1]).toBe('exited(1), running(2)');
  });

  test('-q with --filter name= prints only that project', () => {
    expect(expectSuccess(project.berthElsewhere('ls', '-q', '--filter', `name=${project.name}`)).stdout).toBe(`${project.name}\n`);
  });

  test('--format json prints the projects as one array', () => {
    const projects = JSON.parse(expectSuccess(project.berthElsewhere('ls', '--format', 'json', '--filter', `name=${project.name}`)).stdout) as unknown;
    expect(projects).toEqual([{ Name: project.name, Status: 'running(2)', ConfigFiles: `${project.directory}/compose.yaml` }]);
  });
});
