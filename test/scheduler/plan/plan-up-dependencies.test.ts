import { describe, expect, it } from 'vitest';
import { berthErrorOf } from '../../helpers/error-of.js';
import { demoProject, ObservedFixture, upPlan } from './plan-fixtures.js';

describe('planUp and depends_on restart: true', () => {
  const yaml = `services:
  web:
    image: nginx
    depends_on:
      db: {condition: service_healthy, restart: true}
      cache: {condition: service_started}
  worker:
    image: busybox
    depends_on:
      db: {condition: service_started, restart: true}
  report:
    image: busybox
    depends_on: [db]
  db:
    image: postgres
  cache:
    image: redis
`;

  it('restarts the running dependents that ask for it once the recreated dependency is ready, and leaves the others', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').container('db', 1, { configHash: 'before' }).build();
    expect(upPlan(project, observed).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 recreate container demo-db-1 replacing demodb100000 (config changed)\n' +
      '#3 start container demo-db-1 (recreated) after #2\n' +
      '#4 wait for db started (depends_on) after #3\n' +
      '#5 keep container demo-report-1 (up to date)\n' +
      '#6 wait for cache started (depends_on) after #1\n' +
      '#7 wait for db healthy (depends_on) after #3\n' +
      '#8 restart container demo-web-1 (db was recreated) after #6 #7\n' +
      '#9 restart container demo-worker-1 (db was recreated) after #4\n',
    );
  });

  it('starts a stopped dependent instead of restarting it', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').without('worker')
      .container('db', 1, { configHash: 'before' }).container('worker', 1, { state: 'exited' }).build();
    expect(upPlan(project, observed).text).toContain('#9 start container demo-worker-1 (exited) after #4\n');
  });

  it('restarts nothing when the dependency was only started', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').container('db', 1, { state: 'exited' }).build();
    const { text } = upPlan(project, observed);
    expect(text).toContain('#2 start container demo-db-1 (exited)\n');
    expect(text).not.toContain('restart');
  });
});

describe('planUp and network_mode: service:', () => {
  const yaml = `services:
  db:
    image: postgres
  sidecar:
    image: busybox
    network_mode: service:db
`;

  it('creates the container that joins db\'s network namespace after db\'s, on no network of its own', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, new ObservedFixture(project).build()).text).toBe(
      '#1 create network demo_default (not found)\n' +
      '#2 create container demo-db-1 (no container) after #1\n' +
      '#3 start container demo-db-1 (created) after #2\n' +
      '#4 wait for db started (depends_on) after #3\n' +
      '#5 create container demo-sidecar-1 (no container) after #2\n' +
      '#6 start container demo-sidecar-1 (created) after #4 #5\n',
    );
  });

  it('recreates it when db is recreated, since the engine tied it to the old db\'s namespace (as Compose does)', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').container('db', 1, { configHash: 'before' }).build();
    expect(upPlan(project, observed).text).toBe(
      '#1 recreate container demo-db-1 replacing demodb100000 (config changed)\n' +
      '#2 start container demo-db-1 (recreated) after #1\n' +
      '#3 wait for db started (depends_on) after #2\n' +
      '#4 recreate container demo-sidecar-1 replacing demosidecar1 (db was recreated) after #1\n' +
      '#5 start container demo-sidecar-1 (recreated) after #3 #4\n',
    );
  });
});

describe('planUp and external resources', () => {
  const yaml = `services:
  web:
    image: nginx
    networks: [outside, default]
    volumes: [shared:/shared]
networks:
  outside: {external: true, name: corp-net}
volumes:
  shared: {external: true}
`;

  it('refuses to plan when an external network or volume does not exist, naming each', async () => {
    const project = await demoProject(yaml);
    expect(berthErrorOf(() => upPlan(project, new ObservedFixture(project).build()))).toMatchObject({
      code: 'EXTERNAL_RESOURCE_MISSING',
      kind: 'not-found',
      message: 'network corp-net declared as external, but could not be found\nexternal volume "shared" not found',
    });
  });

  it('uses external resources that exist without creating them', async () => {
    const project = await demoProject(yaml);
    const observed = new ObservedFixture(project).network('corp-net', null).volume('shared', null).build();
    expect(upPlan(project, observed).text).toBe(
      '#1 create network demo_default (not found)\n' +
      '#2 create container demo-web-1 (no container) after #1\n' +
      '#3 start container demo-web-1 (created) after #2\n',
    );
  });
});
