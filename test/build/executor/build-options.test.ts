import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('docker build\'s options against berth\'s builder', () => {
  const fixture = useBuildServer();
  const build = (directory: string, args: string[], input?: string) =>
    fixture.server.docker(['build', ...args, directory], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000, ...(input !== undefined ? { input } : {}) });

  test('-q prints only the image id, which is the image the tag names', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo quiet-step-output\n` });
    const built = await build(directory, ['-q', '-t', 'options-quiet:1']);
    expect(built.exitCode, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(built.stdout.trim()).toBe((await fixture.inspect('options-quiet:1')).Id);
  });

  test('every -t names the image, and --label adds labels to its config; a rebuild with the same labels is cached', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nLABEL from.dockerfile=yes\n` });
    const args = ['-t', 'options-tags:a', '-t', 'options-tags:b', '--label', 'from.cli=1', '--label', 'from.dockerfile=overridden'];
    const built = await build(directory, args);
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toMatch(/Successfully tagged options-tags:a\nSuccessfully tagged options-tags:b\n/);
    const tagged = await fixture.inspect('options-tags:a');
    expect(tagged.Id).toBe((await fixture.inspect('options-tags:b')).Id);
    expect(tagged.Config.Labels).toEqual({ 'from.cli': '1', 'from.dockerfile': 'overridden' });

    const again = await build(directory, args);
    expect(again.exitCode, again.stderr + again.stdout).toBe(0);
    // As dockerd does, the labels are a last LABEL step of the build.
    expect(cacheReport(again.stdout)).toEqual(['LABEL from.dockerfile=yes: cached', 'LABEL "from.cli"="1" "from.dockerfile"="overridden": cached']);
    expect((await fixture.inspect('options-tags:a')).Id).toBe(tagged.Id);
  });

  // The docker CLI (28, classic builder) sends this context with the last member unpadded and no
  // end-of-archive blocks; dockerd's Go tar reader takes that as the archive's end, and so must berth.
  test('a Dockerfile from stdin (-f -) builds, and COPY . does not copy it into the image', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ 'app.js': 'app\n' });
    const built = await build(directory, ['-f', '-', '-t', 'options-stdin:1'], `FROM ${base}\nCOPY . /ctx/\n`);
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('options-stdin:1', ['ls', '-A', '/ctx'])).log).toBe('app.js\n');
  });

  test('-f names a Dockerfile in a folder of the context', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ 'docker/app.Dockerfile': `FROM ${base}\nCOPY app.js /app.js\n`, 'app.js': 'from the context root\n' });
    const built = await build(directory, ['-f', join(directory, 'docker/app.Dockerfile'), '-t', 'options-file:1']);
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('options-file:1', ['cat', '/app.js'])).log).toBe('from the context root\n');
  });

  test('a context sent as a tar on stdin (docker build -) is unpacked and built', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nCOPY note.txt /note.txt\n`, 'note.txt': 'from a tar\n' });
    const tarPath = join(fixture.scratch(), 'context.tar');
    await createTar({ file: tarPath, cwd: directory, portable: true }, ['Dockerfile', 'note.txt']);
    const built = await fixture.server.docker(['build', '-t', 'options-tar:1', '-'], { env: { DOCKER_BUILDKIT: '0' }, input: readFileSync(tarPath, 'latin1') });
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('options-tar:1', ['cat', '/note.txt'])).log).toBe('from a tar\n');
  });

  test('--pull fetches the FROM image from its registry again, and an image only the engine has is still used', async () => {
    const base = await fixture.base();
    const pulled = await build(fixture.project({ Dockerfile: `FROM ${base}\nRUN echo pulled > /p\n` }), ['--pull', '-t', 'options-pull:1']);
    expect(pulled.exitCode, pulled.stderr + pulled.stdout).toBe(0);
    expect(pulled.stdout).toContain(`Pulling ${base}`);

    const local = await build(fixture.project({ Dockerfile: 'FROM options-pull:1\nRUN cat /p > /q\n' }), ['--pull', '-t', 'options-pull:2']);
    expect(local.exitCode, local.stderr + local.stdout).toBe(0);
    expect((await fixture.run('options-pull:2', ['cat', '/q'])).log).toBe('pulled\n');
  });

  test('--platform for another platform than the engine\'s fails, naming both', async () => {
    const base = await fixture.base();
    const other = process.arch === 's390x' ? 'linux/amd64' : 'linux/s390x';
    const built = await build(fixture.project({ Dockerfile: `FROM ${base}\nRUN true\n` }), ['--platform', other, '-t', 'options-platform:1']);
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toContain(`cannot build for platform ${other}`);
  });
});
