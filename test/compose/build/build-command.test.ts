import { describe, expect, test } from 'vitest';
import { busybox, buildProject, errorReport, expectSuccess, useBuildEngine } from './build-project.js';

const { engine, client } = useBuildEngine();

/** web copies a file of its context into the image and prints it when it runs. */
const copiesAFile = {
  'compose.yaml': 'services:\n  web:\n    build: ./web\n',
  'web/Dockerfile': `FROM ${busybox}\nCOPY message.txt /message.txt\nRUN echo "built at step 3"\nCMD ["cat", "/message.txt"]\n`,
  'web/message.txt': 'hello from the build context\n',
  'web/.dockerignore': 'secret.txt\n',
  'web/secret.txt': 'must not be sent\n',
};

describe('berth build', () => {
  test('builds <project>-<service> from the build section, and up runs it', async () => {
    const project = buildProject(engine(), client(), 'bld-basic', copiesAFile);

    const build = expectSuccess(project.berth(['build']));

    const image = await project.image(`${project.name}-web`);
    expect(image?.Config.Cmd).toEqual(['cat', '/message.txt']);
    expect(image?.Config.Labels).toMatchObject({ 'com.docker.compose.project': project.name, 'com.docker.compose.service': 'web' });
    // The builder's own lines reach standard error, each after the service's name.
    // (dockerd counts the labels it adds as steps of their own, so the total varies with the engine.)
    expect(build.stderr).toMatch(/^\[web\] Step 3\/\d+ : RUN echo "built at step 3"$/m);
    expect(build.stderr).toContain('[web] built at step 3\n');
    expect(build.stderr).toContain(`Image ${project.name}-web  Built`);

    const up = expectSuccess(project.berth(['up']));
    expect(up.stdout).toContain('web-1  | hello from the build context');
  });

  test('a rebuild with nothing changed takes every step from the cache', async () => {
    const project = buildProject(engine(), client(), 'bld-cache', copiesAFile);
    expectSuccess(project.berth(['build']));
    const first = await project.image(`${project.name}-web`);

    const again = expectSuccess(project.berth(['build']));

    expect((await project.image(`${project.name}-web`))?.Id).toBe(first?.Id);
    expect(again.stderr).toContain('[web]  ---> Using cache');
    expect(again.stderr).not.toContain('[web] built at step 3');
  });

  test('-q prints only the ids of the images built, one per service', async () => {
    const project = buildProject(engine(), client(), 'bld-quiet', {
      ...copiesAFile,
      'compose.yaml': 'services:\n  web:\n    build: ./web\n  api:\n    build: ./web\n    image: bld-quiet-api:1\n  db:\n    image: berth-fixture/busybox:1\n',
    });

    const run = expectSuccess(project.berth(['build', '-q']));

    const api = await project.image('bld-quiet-api:1');
    const web = await project.image(`${project.name}-web`);
    expect(run.stdout).toBe(`${api?.Id}\n${web?.Id}\n`);
    expect(run.stderr).toBe('');
  });

  test('--build-arg reaches the image, over the compose file\'s args; NAME alone takes the environment\'s value', async () => {
    const project = buildProject(engine(), client(), 'bld-args', {
      'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      network: none\n      args: {GREETING: from-compose, SUBJECT: world}\n',
      Dockerfile: `FROM ${busybox}\nARG GREETING=from-dockerfile\nARG SUBJECT\nARG EXTRA=unset\nENV GREETING=$GREETING SUBJECT=$SUBJECT EXTRA=$EXTRA\n`,
    });

    expectSuccess(project.berth(['build', '--build-arg', 'GREETING=from-cli', '--build-arg', 'EXTRA'], { EXTRA: 'from-env' }));

    const env = (await project.image(`${project.name}-web`))?.Config.Env ?? [];
    expect(env).toEqual(expect.arrayContaining(['GREETING=from-cli', 'SUBJECT=world', 'EXTRA=from-env']));
  });

  test('dockerfile_inline builds without a Dockerfile on disk', async () => {
    const project = buildProject(engine(), client(), 'bld-inline', {
      'compose.yaml': `services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM ${busybox}\n        LABEL made.by=inline\n        COPY . /ctx\n    command: ["ls", "-a", "/ctx"]\n`,
      'kept.txt': 'kept\n',
    });

    expectSuccess(project.berth(['build']));

    expect((await project.image(`${project.name}-web`))?.Config.Labels).toMatchObject({ 'made.by': 'inline' });
    const up = expectSuccess(project.berth(['up']));
    // The generated Dockerfile is sent with the context but never lands in the image.
    expect(up.stdout).toContain('web-1  | kept.txt');
    expect(up.stdout).not.toMatch(/\.dockerfile\./);
  });

  test('leaves out what .dockerignore excludes', async () => {
    const project = buildProject(engine(), client(), 'bld-ignore', {
      ...copiesAFile,
      'web/Dockerfile': `FROM ${busybox}\nCOPY . /ctx\nCMD ["ls", "/ctx"]\n`,
    });

    expectSuccess(project.berth(['build']));
    const up = expectSuccess(project.berth(['up']));

    expect(up.stdout).toContain('web-1  | message.txt');
    expect(up.stdout).not.toContain('secret.txt');
  });
});

describe('berth build failures', () => {
  test('a failing RUN names the service, the exit code and the last lines it printed', async () => {
    const project = buildProject(engine(), client(), 'bld-fail', {
      'compose.yaml': 'services:\n  web:\n    build: .\n  ok:\n    image: berth-fixture/busybox:1\n',
      Dockerfile: `FROM ${busybox}\nRUN echo "checking the toolchain"; exit 3\n`,
    });

    const run = project.berth(['build']);

    expect(run.status).toBe(1);
    const report = errorReport(run);
    expect(report).toMatch(/^berth: service "web" failed to build: The command '\/bin\/sh -c echo "checking the toolchain"; exit 3' returned a non-zero code: 3\n/);
    expect(report).toContain('    checking the toolchain\n');
    expect(report).toContain('hint: ');
    expect(await project.image(`${project.name}-web`)).toBeUndefined();
  });

  test('a Dockerfile syntax error names its line', async () => {
    const project = buildProject(engine(), client(), 'bld-syntax', {
      'compose.yaml': 'services:\n  web:\n    build: .\n',
      Dockerfile: `FROM ${busybox}\n\nRUNN echo typo\n`,
    });

    const run = project.berth(['build']);

    expect(run.status).toBe(1);
    // dockerd says `dockerfile parse error line 3: ...`, berth's engine `Dockerfile:3: ...`.
    expect(errorReport(run)).toMatch(/^berth: service "web" failed to build: .*(line 3\b|Dockerfile:3:).*RUNN/);
  });

  test('a missing Dockerfile is refused before anything is sent, naming the service', async () => {
    const project = buildProject(engine(), client(), 'bld-nofile', { 'compose.yaml': 'services:\n  web:\n    build: {context: ., dockerfile: Missing.Dockerfile}\n' });

    const run = project.berth(['build']);

    expect(run.status).toBe(2);
    expect(errorReport(run)).toMatch(/^berth: cannot build service "web": unable to prepare context: Cannot locate specified Dockerfile: Missing\.Dockerfile\n/);
  });
});
