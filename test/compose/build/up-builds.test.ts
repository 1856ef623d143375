import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { containerOutput } from '../../helpers/engine-probe.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { busybox, buildProject, errorReport, expectSuccess, useBuildEngine } from './build-project.js';

const { engine, client } = useBuildEngine();

/** web prints what its Dockerfile wrote, then exits. */
function printsVersion(version: string): Record<string, string> {
  return {
    'compose.yaml': 'services:\n  web:\n    build: .\n    command: ["cat", "/version"]\n',
    Dockerfile: `FROM ${busybox}\nRUN echo ${version} > /version\n`,
  };
}

describe('up and the images it builds', () => {
  test('up builds a missing image before creating the container', async () => {
    const project = buildProject(engine(), client(), 'upb-missing', printsVersion('v1'));

    const run = expectSuccess(project.berth(['up', '-d']));

    expect(await project.image(`${project.name}-web`)).toBeDefined();
    const output = await waitUntil(async () => (await containerOutput(client(), `${project.name}-web-1`)) || undefined, 'the output of web');
    expect(output).toBe('v1\n');
    expect(run.stderr.indexOf(`Image ${project.name}-web  Built`)).toBeLessThan(run.stderr.indexOf(`Container ${project.name}-web-1  Created`));
  });

  test('up keeps an image that is there; up --build rebuilds it and recreates the container', async () => {
    const project = buildProject(engine(), client(), 'upb-rebuild', printsVersion('v1'));
    expectSuccess(project.berth(['up', '-d']));
    const first = await project.image(`${project.name}-web`);
    project.berth(['down']);
    writeFileSync(join(project.directory, 'Dockerfile'), `FROM ${busybox}\nRUN echo v2 > /version\n`);

    const kept = expectSuccess(project.berth(['up', '-d']));
    expect(kept.stderr).not.toContain('Building');
    expect((await project.image(`${project.name}-web`))?.Id).toBe(first?.Id);

    expectSuccess(project.berth(['up', '-d', '--build']));
    expect((await project.image(`${project.name}-web`))?.Id).not.toBe(first?.Id);
    const output = await waitUntil(async () => (await containerOutput(client(), `${project.name}-web-1`)) || undefined, 'the output of the recreated web');
    expect(output).toBe('v2\n');
  });

  test('up --no-build refuses a missing image that only a build makes, and changes nothing', async () => {
    const project = buildProject(engine(), client(), 'upb-nobuild', printsVersion('v1'));

    const run = project.berth(['up', '-d', '--no-build']);

    expect(run.status).toBe(1);
    expect(errorReport(run)).toBe(
      'berth: service web must be built, and the image is not on the engine\n' +
        `  hint: drop --no-build so that berth builds it, or build first: berth build web\n`,
    );
    expect(await project.image(`${project.name}-web`)).toBeUndefined();
    expect(await client().networks.list({ filters: { label: [`com.docker.compose.project=${project.name}`] } })).toEqual([]);
  });

  test('a failed build fails up, naming the service, and no container is made', async () => {
    const project = buildProject(engine(), client(), 'upb-fail', { ...printsVersion('v1'), Dockerfile: `FROM ${busybox}\nRUN exit 7\n` });

    const run = project.berth(['up', '-d']);

    expect(run.status).toBe(1);
    expect(errorReport(run)).toMatch(/^berth: service "web" failed to build: The command '\/bin\/sh -c exit 7' returned a non-zero code: 7/);
    expect(await client().containers.list({ all: true, filters: { label: [`com.docker.compose.project=${project.name}`] } })).toEqual([]);
  });
});
