import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { busyboxReference, ensureBusyboxImage } from '../../harness/fixture-images.js';
import { expectSuccess, lifecycleProject, statesOf } from './lifecycle-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

/** job exits 3 on its own a little after it starts; web runs until stopped. */
const jobAndWeb = `
services:
  job:
    image: berth-fixture/busybox:1
    command: ["sh", "-c", "sleep 3; exit 3"]
  web:
    image: berth-fixture/busybox:1
    command: ["sleep", "600"]
    init: true
`;

// Port 1 on the loopback: nothing listens there, so the registry's answer comes at once.
const absentImage = '127.0.0.1:1/berth/absent:1';

describe('berth wait', () => {
  test("returns the exit code of the service's container once it stops", async () => {
    const project = lifecycleProject(engine(), 'lc-wait', jobAndWeb);
    expectSuccess(project.berth(['up', '-d']));
    const job = (await project.containers()).get('lc-wait-job-1')!;

    const run = project.berth(['wait', 'job']);

    expect(run.status).toBe(3);
    expect(run.stdout).toBe(`container "${job.Id}" exited with status code 3\n`);
    expect((await statesOf(project))['lc-wait-web-1']).toBe('running');
  });

  test('--down-project takes the whole project down once the container stops', async () => {
    const project = lifecycleProject(engine(), 'lc-wait-down', jobAndWeb);
    expectSuccess(project.berth(['up', '-d']));

    const run = project.berth(['wait', '--down-project', 'job']);

    expect(run.status).toBe(3);
    expect(await project.containers()).toEqual(new Map());
  });

  test('fails when no container of the services runs', async () => {
    const project = lifecycleProject(engine(), 'lc-wait-none', jobAndWeb);
    expectSuccess(project.berth(['create']));

    const run = project.berth(['wait', 'web']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no containers for project "lc-wait-none"');
  });
});

describe('berth pull', () => {
  const withAbsentImage = `
services:
  web:
    image: ${absentImage}
  db:
    image: ${busyboxReference}
    pull_policy: missing
`;

  test('of an image the engine lacks fails naming the image and the registry answer', async () => {
    const project = lifecycleProject(engine(), 'lc-pull', withAbsentImage);

    const run = project.berth(['pull']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cannot pull image ${absentImage} for service web:`);
    expect(run.stderr).toMatch(/127\.0\.0\.1:1.*connection refused/);
  });

  test('--ignore-pull-failures pulls what it can, warns about the rest, and succeeds', async () => {
    const project = lifecycleProject(engine(), 'lc-pull-ignore', withAbsentImage);

    const run = expectSuccess(project.berth(['pull', '--ignore-pull-failures']));

    expect(run.stderr).toContain(`WARN cannot pull image ${absentImage} for service web:`);
  });

  test('leaves out an image already on the engine when its policy is missing', async () => {
    const project = lifecycleProject(engine(), 'lc-pull-present', withAbsentImage);

    const run = expectSuccess(project.berth(['--dry-run', 'pull']));

    expect(run.stderr).toContain(`pull image ${absentImage} for web`);
    expect(run.stderr).not.toContain(`pull image ${busyboxReference}`);
  });
});

describe('berth push', () => {
  const built = (image: string): string => `
services:
  app:
    build: .
    image: ${image}
  web:
    image: ${busyboxReference}
`;

  test('to a registry that does not answer fails naming the image and the registry answer', async () => {
    const image = '127.0.0.1:1/berth/app:1';
    const project = lifecycleProject(engine(), 'lc-push', built(image));
    await project.withClient((client) => client.images.tag(busyboxReference, image));

    const run = project.berth(['push']);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cannot push image ${image} for service app:`);
    expect(run.stderr).toMatch(/127\.0\.0\.1:1.*connection refused/);
  });

  test('--ignore-push-failures warns and succeeds', async () => {
    const image = '127.0.0.1:1/berth/app:2';
    const project = lifecycleProject(engine(), 'lc-push-ignore', built(image));
    await project.withClient((client) => client.images.tag(busyboxReference, image));

    const run = expectSuccess(project.berth(['push', '--ignore-push-failures']));

    expect(run.stderr).toContain(`WARN cannot push image ${image} for service app:`);
  });

  test('skips services that build nothing', async () => {
    const project = lifecycleProject(engine(), 'lc-push-skip', built('127.0.0.1:1/berth/app:3'));

    const run = expectSuccess(project.berth(['--dry-run', 'push', 'web']));

    expect(run.stderr).toContain('nothing to do');
  });
});
