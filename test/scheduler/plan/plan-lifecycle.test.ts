import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../../../src/api/index.js';
import type { Project } from '../../../src/compose-spec/index.js';
import { demoProject, lifecyclePlan, ObservedFixture } from './plan-fixtures.js';

/** web (two replicas) needs api, api needs db; cache stands alone. */
const yaml = `services:
  web:
    image: nginx
    scale: 2
    depends_on: [api]
  api:
    image: api
    depends_on: [db]
  db:
    image: postgres
  cache:
    image: redis
`;

/** Every replica in `state`, plus a one-off of api and a container of the removed service `old`. */
function everything(project: Project, state: ContainerStatus): ObservedFixture {
  const fixture = new ObservedFixture(project);
  for (const [service, number] of [['web', 1], ['web', 2], ['api', 1], ['db', 1], ['cache', 1]] as const) fixture.container(service, number, { state });
  return fixture.container('api', 1, { oneOff: true, name: 'demo-api-run-0123456789ab', state }).container('old', 1, { state });
}

/** What the CLI passes when no service is named: the project's services and those of its containers. */
const allServices = ['web', 'api', 'db', 'cache', 'old'];

describe('planLifecycle', () => {
  it('stops dependents first, orphan containers unordered, and leaves one-off containers alone', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'running').build(), { kind: 'stop' }, allServices)).toBe(
      '#1 stop container demo-web-1 (running)\n' +
      '#2 stop container demo-web-2 (running)\n' +
      '#3 stop container demo-api-1 (running) after #1 #2\n' +
      '#4 stop container demo-db-1 (running) after #3\n' +
      '#5 stop container demo-cache-1 (running)\n' +
      '#6 stop container demo-old-1 (running)\n',
    );
  });

  it('keeps the stop order transitive past a service that is already stopped', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('api').container('api', 1, { state: 'exited' }).build();
    expect(lifecyclePlan(project, observed, { kind: 'stop' })).toBe(
      '#1 stop container demo-web-1 (running)\n' +
      '#2 stop container demo-web-2 (running)\n' +
      '#3 stop container demo-db-1 (running) after #1 #2\n' +
      '#4 stop container demo-cache-1 (running)\n',
    );
  });

  it('starts dependencies first', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'exited').build(), { kind: 'start' })).toBe(
      '#1 start container demo-cache-1 (exited)\n' +
      '#2 start container demo-db-1 (exited)\n' +
      '#3 start container demo-api-1 (exited) after #2\n' +
      '#4 start container demo-web-1 (exited) after #3\n' +
      '#5 start container demo-web-2 (exited) after #3\n',
    );
  });

  it('leaves out containers already in the wanted state', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'exited').build(), { kind: 'stop' }, allServices)).toBe('nothing to do\n');
    expect(lifecyclePlan(project, everything(project, 'running').build(), { kind: 'start' }, allServices)).toBe('nothing to do\n');
  });

  it('acts on the named services only', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'exited').build(), { kind: 'start' }, ['web'])).toBe(
      '#1 start container demo-web-1 (exited)\n' +
      '#2 start container demo-web-2 (exited)\n',
    );
  });

  it('restarts every container in start order, whatever its state', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').container('db', 1, { state: 'exited' }).build();
    expect(lifecyclePlan(project, observed, { kind: 'restart' })).toBe(
      '#1 restart container demo-cache-1 (running)\n' +
      '#2 restart container demo-db-1 (exited)\n' +
      '#3 restart container demo-api-1 (running) after #2\n' +
      '#4 restart container demo-web-1 (running) after #3\n' +
      '#5 restart container demo-web-2 (running) after #3\n',
    );
  });

  it('kills, pauses and unpauses all at once, in service order', async () => {
    const project = await demoProject(yaml);
    const running = ObservedFixture.upped(project).build();
    expect(lifecyclePlan(project, running, { kind: 'kill', signal: 'SIGKILL' })).toBe(
      '#1 kill container demo-api-1 with SIGKILL (running)\n' +
      '#2 kill container demo-cache-1 with SIGKILL (running)\n' +
      '#3 kill container demo-db-1 with SIGKILL (running)\n' +
      '#4 kill container demo-web-1 with SIGKILL (running)\n' +
      '#5 kill container demo-web-2 with SIGKILL (running)\n',
    );
    expect(lifecyclePlan(project, running, { kind: 'pause' }, ['db', 'cache'])).toBe(
      '#1 pause container demo-cache-1 (running)\n' +
      '#2 pause container demo-db-1 (running)\n',
    );
    expect(lifecyclePlan(project, everything(project, 'paused').build(), { kind: 'unpause' }, ['db'])).toBe('#1 unpause container demo-db-1 (paused)\n');
  });

  it('kills the one-off containers of the named services too, as Compose does', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'running').build(), { kind: 'kill', signal: 'SIGTERM' }, ['api'])).toBe(
      '#1 kill container demo-api-1 with SIGTERM (running)\n' +
      '#2 kill container demo-api-run-0123456789ab with SIGTERM (running)\n',
    );
  });

  it('starts a service after the dependency it needs healthy is healthy', async () => {
    const project = await demoProject(`services:
  web:
    image: nginx
    depends_on:
      db: {condition: service_healthy}
  db:
    image: postgres
`);
    const observed = new ObservedFixture(project).container('web', 1, { state: 'exited' }).container('db', 1, { state: 'exited' }).build();
    expect(lifecyclePlan(project, observed, { kind: 'start' })).toBe(
      '#1 start container demo-db-1 (exited)\n' +
      '#2 wait for db healthy (depends_on) after #1\n' +
      '#3 start container demo-web-1 (exited) after #1 #2\n',
    );
  });

  it('removes stopped containers, orphan ones too when no service is named, but no one-off container', async () => {
    const project = await demoProject(yaml);
    const observed = everything(project, 'exited').without('cache').container('cache', 1).build();
    expect(lifecyclePlan(project, observed, { kind: 'remove', volumes: true }, allServices)).toBe(
      '#1 remove container demo-api-1 with its anonymous volumes (exited)\n' +
      '#2 remove container demo-db-1 with its anonymous volumes (exited)\n' +
      '#3 remove container demo-web-1 with its anonymous volumes (exited)\n' +
      '#4 remove container demo-web-2 with its anonymous volumes (exited)\n' +
      '#5 remove container demo-old-1 with its anonymous volumes (exited)\n',
    );
  });

  it('removes only the named services\' containers when services are named', async () => {
    const project = await demoProject(yaml);
    expect(lifecyclePlan(project, everything(project, 'exited').build(), { kind: 'remove', volumes: false }, ['web'])).toBe(
      '#1 remove container demo-web-1 (exited)\n' +
      '#2 remove container demo-web-2 (exited)\n',
    );
  });
});
