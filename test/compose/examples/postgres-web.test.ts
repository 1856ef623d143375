import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { httpGet, projectContainers } from '../../helpers/engine-probe.js';
import { freePort } from '../../helpers/free-port.js';
import { expectSuccess } from '../../helpers/run-berth.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { stackTimeoutMs, useExamples, type ExampleProject } from './example-project.js';

const { client, copy } = useExamples(['postgres:15', 'node:18-slim']);

/** A copy of examples/postgres-web publishing its web port on a free host port. */
async function postgresWeb(): Promise<{ project: ExampleProject; port: number }> {
  const port = await freePort();
  return { project: copy('postgres-web', { WEB_PORT: String(port) }), port };
}

/** The visit count the page reports, after the visit it records. */
async function visit(port: number): Promise<number> {
  const answer = await httpGet(port).catch((error: Error) => {
    throw new Error(`GET http://127.0.0.1:${port}/ failed: ${error.message}`, { cause: error });
  });
  expect(answer.status, answer.body).toBe(200);
  const count = /(\d+) visits so far/.exec(answer.body);
  if (!count) throw new Error(`unexpected page: ${answer.body}`);
  return Number(count[1]);
}

describe('examples/postgres-web', () => {
  test('comes up healthy, counts visits in Postgres, keeps them across down and up, and loses them with down -v', async () => {
    const { project, port } = await postgresWeb();
    expectSuccess(project.berth('up', '-d', '--wait'));

    const ps = expectSuccess(project.berth('ps')).stdout;
    expect(ps).toMatch(new RegExp(`${project.name}-db-1 .*Up .*\\(healthy\\)`));
    expect(ps).toMatch(new RegExp(`${project.name}-web-1 .*Up .*\\(healthy\\).*127\\.0\\.0\\.1:${port}->8080/tcp`));
    expect([await visit(port), await visit(port)]).toEqual([1, 2]);
    expect(expectSuccess(project.berth('logs', 'db')).stdout).toContain('database system is ready to accept connections');

    expectSuccess(project.berth('down'));
    expect(await projectContainers(client(), project.name)).toEqual(new Map());
    expectSuccess(project.berth('up', '-d', '--wait'));
    expect(await visit(port)).toBe(3);

    expectSuccess(project.berth('down', '-v'));
    expectSuccess(project.berth('up', '-d', '--wait'));
    expect(await visit(port)).toBe(1);
  }, stackTimeoutMs);

  test('a second copy in another folder runs beside the first with its own containers, network, volume and port', async () => {
    const [first, second] = [await postgresWeb(), await postgresWeb()];
    expectSuccess(first.project.berth('up', '-d', '--wait'));
    expectSuccess(second.project.berth('up', '-d', '--wait'));

    expect([await visit(first.port), await visit(first.port), await visit(second.port)]).toEqual([1, 2, 1]);
    for (const { project } of [first, second]) {
      expect([...(await projectContainers(client(), project.name)).keys()].sort()).toEqual([`${project.name}-db-1`, `${project.name}-web-1`]);
      const config = JSON.parse(expectSuccess(project.berth('config', '--format', 'json')).stdout) as { networks: Record<string, { name: string }>; volumes: Record<string, { name: string }> };
      expect([config.networks.default?.name, config.volumes['db-data']?.name]).toEqual([`${project.name}_default`, `${project.name}_db-data`]);
    }
    expectSuccess(first.project.berth('down', '-v'));
    expect(await visit(second.port)).toBe(2);
  }, stackTimeoutMs);

  test('the build variant bakes the app into an image, and watch restarts it with an edited server.js', async () => {
    const { project, port } = await postgresWeb();
    const files = ['-f', 'compose.yaml', '-f', 'compose.build.yaml'];
    expectSuccess(project.berth(...files, 'up', '-d', '--build', '--wait'));
    expect(await visit(port)).toBe(1);
    const web = await projectContainers(client(), project.name);
    expect(web.get(`${project.name}-web-1`)?.Image).toBe('postgres-web-app:dev');

    const watch = project.start(...files, 'watch', '--no-up');
    await watch.waitForOutput(/Watch enabled/);
    const server = join(project.directory, 'app/server.js');
    writeFileSync(server, readFileSync(server, 'utf8').replace('Hello from berth', 'Hello from the edited app'));
    // Each answered poll is a visit too, so only the greeting is checked.
    await waitUntil(async () => (await httpGet(port).catch(() => ({ body: '' }))).body.startsWith('Hello from the edited app: '), 'the restarted web to serve the edited page', 30_000, 200);
    watch.signal('SIGINT');
    await watch.exited;
  }, stackTimeoutMs);
});
