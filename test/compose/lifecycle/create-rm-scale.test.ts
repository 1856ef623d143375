import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { expectSuccess, lifecycleProject, statesOf } from './lifecycle-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

/** web keeps its data in an anonymous volume; db is what it depends on. */
const webWithVolume = `
services:
  db:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
  web:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
    volumes:
      - /data
    depends_on: [db]
`;

describe('berth create', () => {
  test('makes the containers of the services and what they depend on without starting them', async () => {
    const project = lifecycleProject(engine(), 'lc-create', webWithVolume);

    expectSuccess(project.berth(['create', 'web']));

    expect(await statesOf(project)).toEqual({ 'lc-create-db-1': 'created', 'lc-create-web-1': 'created' });
  });

  test('refuses --force-recreate with --no-recreate before touching the engine', async () => {
    const project = lifecycleProject(engine(), 'lc-create-refused', webWithVolume);

    const run = project.berth(['create', '--force-recreate', '--no-recreate']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--force-recreate and --no-recreate are incompatible');
    expect(await project.containers()).toEqual(new Map());
  });
});

describe('berth rm', () => {
  test('rm -f -s -v stops and removes the containers, and their anonymous volumes go with them', async () => {
    const project = lifecycleProject(engine(), 'lc-rm', webWithVolume);
    expectSuccess(project.berth(['up', '-d']));
    const web = (await project.containers()).get('lc-rm-web-1')!;
    const anonymous = web.Mounts.filter((mount) => mount.Type === 'volume' && mount.Destination === '/data').map((mount) => mount.Name!);
    expect(anonymous).toHaveLength(1);

    const run = expectSuccess(project.berth(['rm', '-f', '-s', '-v']));

    expect(run.stdout).toMatch(/^Going to remove lc-rm-(db|web)-1, lc-rm-(db|web)-1\n$/);
    expect(await project.containers()).toEqual(new Map());
    const volumes = await project.withClient((client) => client.volumes.list());
    expect(volumes.map((volume) => volume.Name)).not.toContain(anonymous[0]);
  });

  test('rm without -s leaves running containers alone and says nothing is stopped', async () => {
    const project = lifecycleProject(engine(), 'lc-rm-running', webWithVolume);
    expectSuccess(project.berth(['up', '-d']));

    const run = expectSuccess(project.berth(['rm', '-f']));

    expect(run.stderr).toContain('No stopped containers');
    expect(await statesOf(project)).toEqual({ 'lc-rm-running-db-1': 'running', 'lc-rm-running-web-1': 'running' });
  });

  test('rm without -f reads its answer from a pipe: no answer removes nothing, y removes', async () => {
    const project = lifecycleProject(engine(), 'lc-rm-ask', webWithVolume);
    expectSuccess(project.berth(['up', '-d']));
    expectSuccess(project.berth(['stop', 'web']));

    const unanswered = expectSuccess(project.berth(['rm', 'web']));
    expect(unanswered.stdout).toContain('Going to remove lc-rm-ask-web-1');
    expect(Object.keys(await statesOf(project))).toEqual(['lc-rm-ask-db-1', 'lc-rm-ask-web-1']);

    expectSuccess(project.berth(['rm', 'web'], { input: 'y\n' }));
    expect(await statesOf(project)).toEqual({ 'lc-rm-ask-db-1': 'running' });
  });

  test('rm keeps the anonymous volumes without -v', async () => {
    const project = lifecycleProject(engine(), 'lc-rm-keep', webWithVolume);
    expectSuccess(project.berth(['up', '-d']));
    const web = (await project.containers()).get('lc-rm-keep-web-1')!;
    const volume = web.Mounts.find((mount) => mount.Destination === '/data')!.Name!;

    expectSuccess(project.berth(['rm', '-f', '-s', 'web']));

    const volumes = await project.withClient((client) => client.volumes.list());
    expect(volumes.map((item) => item.Name)).toContain(volume);
  });
});

describe('berth scale', () => {
  test('scale web=3 gives three running containers and scale web=1 removes two', async () => {
    const project = lifecycleProject(engine(), 'lc-scale', webWithVolume);
    expectSuccess(project.berth(['up', '-d']));

    expectSuccess(project.berth(['scale', 'web=3']));
    expect(await statesOf(project)).toEqual({
      'lc-scale-db-1': 'running',
      'lc-scale-web-1': 'running',
      'lc-scale-web-2': 'running',
      'lc-scale-web-3': 'running',
    });

    expectSuccess(project.berth(['scale', 'web=1']));
    expect(await statesOf(project)).toEqual({ 'lc-scale-db-1': 'running', 'lc-scale-web-1': 'running' });
  });

  test('scale --no-deps leaves the services it depends on uncreated', async () => {
    const project = lifecycleProject(engine(), 'lc-scale-nodeps', webWithVolume);

    expectSuccess(project.berth(['scale', '--no-deps', 'web=2']));

    expect(await statesOf(project)).toEqual({ 'lc-scale-nodeps-web-1': 'running', 'lc-scale-nodeps-web-2': 'running' });
  });

  test('refuses an argument that is not SERVICE=NUMBER in Compose words', async () => {
    const project = lifecycleProject(engine(), 'lc-scale-bad', webWithVolume);

    const run = project.berth(['scale', 'web']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid scale specifier: web');
  });
});
