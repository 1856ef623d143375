import { describe, expect, it } from 'vitest';
import { demoProject, imageIdsOf, ObservedFixture, upPlan } from './plan-fixtures.js';

/** web waits for db healthy and cache started; db and cache share `back`; db keeps its data in a volume. */
const yaml = `services:
  web:
    image: nginx
    depends_on:
      db: {condition: service_healthy}
      cache: {condition: service_started}
  db:
    image: postgres
    volumes: [data:/var/lib/postgresql/data]
    networks: [back]
  cache:
    image: redis
    networks: [back, default]
volumes:
  data: {}
networks:
  back: {}
`;

describe('planUp on a project with nothing on the engine', () => {
  it('creates networks and volumes, then containers in dependency order, each start waiting for its conditions', async () => {
    const project = await demoProject(yaml);
    const { text, warnings } = upPlan(project, new ObservedFixture(project).build());
    expect(text).toBe(
      '#1 create network demo_back (not found)\n' +
      '#2 create network demo_default (not found)\n' +
      '#3 create volume demo_data (not found)\n' +
      '#4 create container demo-cache-1 (no container) after #1 #2\n' +
      '#5 start container demo-cache-1 (created) after #4\n' +
      '#6 create container demo-db-1 (no container) after #1 #3\n' +
      '#7 start container demo-db-1 (created) after #6\n' +
      '#8 wait for cache started (depends_on) after #5\n' +
      '#9 wait for db healthy (depends_on) after #7\n' +
      '#10 create container demo-web-1 (no container) after #2\n' +
      '#11 start container demo-web-1 (created) after #8 #9 #10\n',
    );
    expect(warnings).toEqual([]);
  });

  it('creates without starting or waiting with --no-start', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, new ObservedFixture(project).build(), { options: { start: false } }).text).toBe(
      '#1 create network demo_back (not found)\n' +
      '#2 create network demo_default (not found)\n' +
      '#3 create volume demo_data (not found)\n' +
      '#4 create container demo-cache-1 (no container) after #1 #2\n' +
      '#5 create container demo-db-1 (no container) after #1 #3\n' +
      '#6 create container demo-web-1 (no container) after #2\n',
    );
  });

  it('plans only the named service and its dependencies, and with --no-deps the named service alone', async () => {
    const project = await demoProject(yaml);
    const observed = new ObservedFixture(project).build();
    expect(upPlan(project, observed, { targets: ['db'] }).text).toBe(
      '#1 create network demo_back (not found)\n' +
      '#2 create volume demo_data (not found)\n' +
      '#3 create container demo-db-1 (no container) after #1 #2\n' +
      '#4 start container demo-db-1 (created) after #3\n',
    );
    expect(upPlan(project, observed, { targets: ['web'], noDependencies: true }).text).toBe(
      '#1 create network demo_default (not found)\n' +
      '#2 create container demo-web-1 (no container) after #1\n' +
      '#3 start container demo-web-1 (created) after #2\n',
    );
  });
});

describe('planUp on a project that is already up', () => {
  it('keeps every container when nothing changed, still waiting on the dependencies as Compose does', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, ObservedFixture.upped(project).build()).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 keep container demo-db-1 (up to date)\n' +
      '#3 wait for cache started (depends_on) after #1\n' +
      '#4 wait for db healthy (depends_on) after #2\n' +
      '#5 keep container demo-web-1 (up to date)\n',
    );
  });

  it('recreates only the service whose configuration changed', async () => {
    const before = await demoProject(yaml);
    const after = await demoProject(yaml.replace('image: redis', 'image: redis\n    environment: {MAXMEMORY: 1gb}'));
    expect(upPlan(after, ObservedFixture.upped(before).build()).text).toBe(
      '#1 recreate container demo-cache-1 replacing democache100 (config changed)\n' +
      '#2 start container demo-cache-1 (recreated) after #1\n' +
      '#3 keep container demo-db-1 (up to date)\n' +
      '#4 wait for cache started (depends_on) after #2\n' +
      '#5 wait for db healthy (depends_on) after #3\n' +
      '#6 keep container demo-web-1 (up to date)\n',
    );
  });

  it('recreates a container whose image the engine now has in a newer version', async () => {
    const project = await demoProject(yaml);
    const imageIds = new Map([...imageIdsOf(project), ['postgres', 'sha256:newer-postgres']]);
    expect(upPlan(project, ObservedFixture.upped(project).build(), { imageIds }).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 recreate container demo-db-1 replacing demodb100000 (image changed)\n' +
      '#3 start container demo-db-1 (recreated) after #2\n' +
      '#4 wait for cache started (depends_on) after #1\n' +
      '#5 wait for db healthy (depends_on) after #3\n' +
      '#6 keep container demo-web-1 (up to date)\n',
    );
  });

  it('recreates a container that is missing one of its networks', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('cache').container('cache', 1, { networks: ['demo_default'] }).build();
    expect(upPlan(project, observed).text).toContain('#1 recreate container demo-cache-1 replacing democache100 (not on network demo_back)\n');
  });

  it('recreates under the new name when container_name changed, and waits for that name', async () => {
    const before = await demoProject(yaml);
    const after = await demoProject(yaml.replace('image: postgres', 'image: postgres\n    container_name: the-db'));
    expect(upPlan(after, ObservedFixture.upped(before).build()).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 recreate container the-db replacing demodb100000 (config changed)\n' +
      '#3 start container the-db (recreated) after #2\n' +
      '#4 wait for cache started (depends_on) after #1\n' +
      '#5 wait for db healthy (depends_on) after #3\n' +
      '#6 keep container demo-web-1 (up to date)\n',
    );
  });

  it('starts a stopped container after its dependencies are ready', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('web').container('web', 1, { state: 'exited' }).build();
    expect(upPlan(project, observed).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 keep container demo-db-1 (up to date)\n' +
      '#3 wait for cache started (depends_on) after #1\n' +
      '#4 wait for db healthy (depends_on) after #2\n' +
      '#5 start container demo-web-1 (exited) after #3 #4\n',
    );
  });

  it('recreates every container with --force-recreate', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, ObservedFixture.upped(project).build(), { options: { recreate: 'force' } }).text).toBe(
      '#1 recreate container demo-cache-1 replacing democache100 (forced)\n' +
      '#2 start container demo-cache-1 (recreated) after #1\n' +
      '#3 recreate container demo-db-1 replacing demodb100000 (forced)\n' +
      '#4 start container demo-db-1 (recreated) after #3\n' +
      '#5 wait for cache started (depends_on) after #2\n' +
      '#6 wait for db healthy (depends_on) after #4\n' +
      '#7 recreate container demo-web-1 replacing demoweb10000 (forced)\n' +
      '#8 start container demo-web-1 (recreated) after #5 #6 #7\n',
    );
  });

  it('keeps a changed container with --no-recreate, starting it when it is stopped', async () => {
    const before = await demoProject(yaml);
    const after = await demoProject(yaml.replace('image: redis', 'image: redis\n    environment: {MAXMEMORY: 1gb}'));
    const observed = ObservedFixture.upped(before).without('cache').container('cache', 1, { state: 'exited' }).build();
    expect(upPlan(after, observed, { options: { recreate: 'never' } }).text).toBe(
      '#1 start container demo-cache-1 (exited)\n' +
      '#2 keep container demo-db-1 (up to date)\n' +
      '#3 wait for cache started (depends_on) after #1\n' +
      '#4 wait for db healthy (depends_on) after #2\n' +
      '#5 keep container demo-web-1 (up to date)\n',
    );
  });

  it('recreates the dependencies of the named services, not the services themselves, with --always-recreate-deps', async () => {
    const project = await demoProject(yaml);
    expect(upPlan(project, ObservedFixture.upped(project).build(), { targets: ['web'], options: { recreateDependencies: true } }).text).toBe(
      '#1 recreate container demo-cache-1 replacing democache100 (forced)\n' +
      '#2 start container demo-cache-1 (recreated) after #1\n' +
      '#3 recreate container demo-db-1 replacing demodb100000 (forced)\n' +
      '#4 start container demo-db-1 (recreated) after #3\n' +
      '#5 wait for cache started (depends_on) after #2\n' +
      '#6 wait for db healthy (depends_on) after #4\n' +
      '#7 keep container demo-web-1 (up to date)\n',
    );
  });

  it('keeps a stopped container stopped with --no-start', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('db').container('db', 1, { state: 'exited' }).build();
    expect(upPlan(project, observed, { options: { start: false } }).text).toBe(
      '#1 keep container demo-cache-1 (up to date)\n' +
      '#2 keep container demo-db-1 (up to date)\n' +
      '#3 keep container demo-web-1 (up to date)\n',
    );
  });

  it('creates only the networks and volumes that are gone', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('demo_back').without('demo_data').build();
    expect(upPlan(project, observed).text).toMatch(/^#1 create network demo_back \(not found\)\n#2 create volume demo_data \(not found\)\n#3 keep container demo-cache-1/);
  });
});
