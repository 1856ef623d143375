import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestEngine } from '../../harness/docker-engine.js';
import { ensureBusyboxImage } from '../../harness/fixture-images.js';
import { describeContainers, expectSuccess, interactiveProject } from './interactive-project.js';

const engine = useTestEngine();

beforeAll(async () => {
  await ensureBusyboxImage(engine());
}, 120_000);

describe('berth run', () => {
  test("prints the command's output and leaves no container with --rm", async () => {
    const project = interactiveProject(engine(), 'rn-rm');

    const run = project.berth(['run', '--rm', '-T', '--no-deps', 'web', 'echo', 'hi']);

    expect(run).toMatchObject({ status: 0, stdout: 'hi\n' });
    expect(await project.containers()).toEqual([]);
  });

  test("exits with the container's exit code", async () => {
    const project = interactiveProject(engine(), 'rn-code');

    const run = project.berth(['run', '--rm', '-T', '--no-deps', 'web', 'sh', '-c', 'echo out; echo err >&2; exit 3']);

    expect(run.status).toBe(3);
    expect(run.stdout).toBe('out\n');
    expect(run.stderr).toContain('err\n');
    expect(await project.containers()).toEqual([]);
  });

  test('-d leaves a running one-off container labelled oneoff=True and prints its name', async () => {
    const project = interactiveProject(engine(), 'rn-detach');

    const run = expectSuccess(project.berth(['run', '-d', '--no-deps', 'web']));

    const [container, ...others] = await project.containers();
    expect(others).toEqual([]);
    expect(container?.State).toBe('running');
    expect(container?.Labels?.['com.docker.compose.oneoff']).toBe('True');
    expect(container?.Names).toEqual([`/${run.stdout.trim()}`]);
    expect(run.stdout).toMatch(/^rn-detach-web-run-[0-9a-f]{12}\n$/);
  });

  test('starts the services it depends on', async () => {
    const project = interactiveProject(engine(), 'rn-deps');

    expectSuccess(project.berth(['run', '--rm', '-T', 'web', 'true']));

    expect(describeContainers(await project.containers())).toEqual(['db running']);
  });

  test('--no-deps leaves the dependencies alone', async () => {
    const project = interactiveProject(engine(), 'rn-nodeps');

    expectSuccess(project.berth(['run', '--rm', '-T', '--no-deps', 'web', 'true']));

    expect(await project.containers()).toEqual([]);
  });

  test('-e sets a variable in the container', () => {
    const project = interactiveProject(engine(), 'rn-env');

    const run = project.berth(['run', '--rm', '-T', '--no-deps', '-e', 'A=b', 'web', 'sh', '-c', 'echo "A=$A"']);

    expect(run).toMatchObject({ status: 0, stdout: 'A=b\n' });
  });

  test('-v ./dir mounts a folder relative to where berth runs, not to the project', () => {
    const project = interactiveProject(engine(), 'rn-volume', undefined, { 'elsewhere/data/note.txt': 'from the host\n' });

    const run = project.berth(['-f', '../compose.yaml', 'run', '--rm', '-T', '--no-deps', '-v', './data:/data', 'web', 'cat', '/data/note.txt'], {
      cwd: join(project.directory, 'elsewhere'),
    });

    expect(run).toMatchObject({ status: 0, stdout: 'from the host\n' });
  });
});
