import { describe, expect, it } from 'vitest';
import { demoProject, downPlan, ObservedFixture } from './plan-fixtures.js';

/** web (two replicas) needs api, api needs db; cache stands alone; api is built, not pulled. */
const yaml = `services:
  web:
    image: nginx
    scale: 2
    depends_on: [api]
  api:
    build: ./api
    depends_on: [db]
    networks: [back, default]
  db:
    image: postgres
    networks: [back]
    volumes: [data:/data, /anonymous]
  cache:
    image: redis
volumes:
  data: {}
  shared: {external: true}
networks:
  back: {}
  corp: {external: true}
`;

const containerSteps =
  '#1 stop container demo-web-1 (down)\n' +
  '#2 remove container demo-web-1 (down) after #1\n' +
  '#3 stop container demo-web-2 (down)\n' +
  '#4 remove container demo-web-2 (down) after #3\n' +
  '#5 stop container demo-api-1 (down) after #1 #3\n' +
  '#6 remove container demo-api-1 (down) after #1 #3 #5\n' +
  '#7 stop container demo-db-1 (down) after #5\n' +
  '#8 remove container demo-db-1 (down) after #5 #7\n' +
  '#9 stop container demo-cache-1 (down)\n' +
  '#10 remove container demo-cache-1 (down) after #9\n';

describe('planDown', () => {
  it('stops dependents before what they depend on, removes each container after its stop, then the networks', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).network('corp', null).volume('shared', null).build();
    expect(downPlan(project, observed).text).toBe(
      containerSteps +
      '#11 remove network demo_back (down) after #2 #4 #6 #8 #10\n' +
      '#12 remove network demo_default (down) after #2 #4 #6 #8 #10\n',
    );
  });

  it('removes the named volumes and the containers\' anonymous ones with -v, and the built images with --rmi local', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).network('corp', null).volume('shared', null).build();
    expect(downPlan(project, observed, { volumes: true, removeImages: 'local' }).text).toBe(
      containerSteps.replace(/(remove container \S+) \(down\)/g, '$1 with its anonymous volumes (down)') +
      '#11 remove network demo_back (down) after #2 #4 #6 #8 #10\n' +
      '#12 remove network demo_default (down) after #2 #4 #6 #8 #10\n' +
      '#13 remove volume demo_data (down -v) after #2 #4 #6 #8 #10\n' +
      '#14 remove image demo-api (--rmi local) after #2 #4 #6 #8 #10\n',
    );
  });

  it('removes every service\'s image once with --rmi all', async () => {
    const project = await demoProject(yaml);
    expect(downPlan(project, ObservedFixture.upped(project).build(), { removeImages: 'all' }).text).toBe(
      containerSteps +
      '#11 remove network demo_back (down) after #2 #4 #6 #8 #10\n' +
      '#12 remove network demo_default (down) after #2 #4 #6 #8 #10\n' +
      '#13 remove image demo-api (--rmi all) after #2 #4 #6 #8 #10\n' +
      '#14 remove image redis (--rmi all) after #2 #4 #6 #8 #10\n' +
      '#15 remove image postgres (--rmi all) after #2 #4 #6 #8 #10\n' +
      '#16 remove image nginx (--rmi all) after #2 #4 #6 #8 #10\n',
    );
  });

  it('only removes a stopped container, and removes one-off containers with their service', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('cache').container('cache', 1, { state: 'exited' })
      .container('api', 1, { oneOff: true, name: 'demo-api-run-0123456789ab' }).build();
    expect(downPlan(project, observed).text).toBe(
      '#1 stop container demo-web-1 (down)\n' +
      '#2 remove container demo-web-1 (down) after #1\n' +
      '#3 stop container demo-web-2 (down)\n' +
      '#4 remove container demo-web-2 (down) after #3\n' +
      '#5 stop container demo-api-1 (down) after #1 #3\n' +
      '#6 remove container demo-api-1 (down) after #1 #3 #5\n' +
      '#7 stop container demo-api-run-0123456789ab (one-off) after #1 #3\n' +
      '#8 remove container demo-api-run-0123456789ab (one-off) after #1 #3 #7\n' +
      '#9 stop container demo-db-1 (down) after #5 #7\n' +
      '#10 remove container demo-db-1 (down) after #5 #7 #9\n' +
      '#11 remove container demo-cache-1 (down)\n' +
      '#12 remove network demo_back (down) after #2 #4 #6 #8 #10 #11\n' +
      '#13 remove network demo_default (down) after #2 #4 #6 #8 #10 #11\n',
    );
  });

  it('keeps the stop order transitive past a service with nothing to stop', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).without('api').container('api', 1, { state: 'exited' }).build();
    expect(downPlan(project, observed).text).toContain('#6 stop container demo-db-1 (down) after #1 #3\n');
  });

  it('warns about orphan containers and leaves them, or removes them first with --remove-orphans', async () => {
    const project = await demoProject(yaml);
    const observed = ObservedFixture.upped(project).container('old', 1).build();
    const warned = downPlan(project, observed);
    expect(warned.text).not.toContain('demo-old-1');
    expect(warned.warnings).toEqual([
      'Found orphan containers ([demo-old-1]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.',
    ]);
    const removed = downPlan(project, observed, { removeOrphans: true });
    expect(removed.text).toMatch(/^#1 stop container demo-old-1 \(orphan\)\n#2 remove container demo-old-1 \(orphan\) after #1\n#3 stop container demo-web-1 \(down\)\n/);
    expect(removed.warnings).toEqual([]);
  });

  it('removes only the named services\' containers, in reverse dependency order, and no network or volume', async () => {
    const project = await demoProject(yaml);
    expect(downPlan(project, ObservedFixture.upped(project).build(), { services: ['db', 'web'], volumes: true }).text).toBe(
      '#1 stop container demo-web-1 (down)\n' +
      '#2 remove container demo-web-1 with its anonymous volumes (down) after #1\n' +
      '#3 stop container demo-web-2 (down)\n' +
      '#4 remove container demo-web-2 with its anonymous volumes (down) after #3\n' +
      '#5 stop container demo-db-1 (down) after #1 #3\n' +
      '#6 remove container demo-db-1 with its anonymous volumes (down) after #1 #3 #5\n',
    );
  });

  it('has nothing to do when the project is gone, so down twice is down once', async () => {
    const project = await demoProject(yaml);
    expect(downPlan(project, new ObservedFixture(project).build(), { volumes: true, removeOrphans: true }).text).toBe('nothing to do\n');
  });

  it('leaves a network of the same name that another project owns', async () => {
    const project = await demoProject(yaml);
    expect(downPlan(project, new ObservedFixture(project).network('demo_default', 'other').build()).text).toBe('nothing to do\n');
  });
});
