import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { steps, useBuildServer } from './build-fixture.js';

describeAsRoot('multi-stage builds', () => {
  const fixture = useBuildServer();

  test('COPY --from takes files from an earlier stage by its name and by its index', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base} AS tools`,
        'RUN echo tool > /tool.txt',
        `FROM ${base}`,
        'RUN mkdir -p /lib/data && echo lib > /lib/data/lib.txt',
        `FROM ${base} AS final`,
        'COPY --from=tools /tool.txt /got/tool.txt',
        'COPY --from=1 /lib/data /got/data',
        'CMD ["sh", "-c", "cat /got/tool.txt /got/data/lib.txt"]',
        '',
      ].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'stages-from:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('stages-from:1')).log).toBe('tool\nlib\n');
  });

  test('COPY --from an image by its reference copies out of that image', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM scratch\nCOPY --from=${base} /bin/busybox /bin/busybox\nCOPY --from=${base} /etc/passwd /etc/passwd\nCMD ["/bin/busybox", "cat", "/etc/passwd"]\n` });
    const built = await fixture.build(directory, '-t', 'stages-image:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('stages-image:1')).log).toMatch(/^root:x:0:0:/);
  });

  test('a stage FROM an earlier stage starts from its files and its config', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base} AS parent`,
        'ENV FROM_PARENT=yes',
        'WORKDIR /work',
        'RUN echo parent > parent.txt',
        'FROM parent AS child',
        'RUN echo child >> parent.txt',
        'CMD ["sh", "-c", "cat parent.txt; echo $FROM_PARENT; pwd"]',
        '',
      ].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'stages-chain:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('stages-chain:1')).log).toBe('parent\nchild\nyes\n/work\n');
  });

  test('--target builds the stage it names and what it needs; a stage it does not need never runs', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [
        `FROM ${base} AS builder`,
        'RUN echo built > /out.txt',
        `FROM ${base} AS unneeded`,
        'RUN echo unneeded-stage-ran && exit 1',
        `FROM ${base} AS app`,
        'COPY --from=builder /out.txt /out.txt',
        'CMD ["cat", "/out.txt"]',
        `FROM ${base} AS after`,
        'RUN echo after-stage-ran && exit 1',
        '',
      ].join('\n'),
    });
    const built = await fixture.build(directory, '--target', 'app', '-t', 'stages-target:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(steps(built.stdout).map((step) => step.instruction)).toEqual(['RUN echo built > /out.txt', 'COPY --from=builder /out.txt /out.txt', 'CMD ["cat", "/out.txt"]']);
    expect(built.stdout).not.toMatch(/unneeded-stage-ran|after-stage-ran/);
    expect((await fixture.run('stages-target:1')).log).toBe('built\n');
  });

  test('without --target the last stage is built, and a stage nobody reads is skipped', async () => {
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [`FROM ${base} AS unread`, 'RUN echo unread-stage-ran && exit 1', `FROM ${base} AS last`, 'RUN echo last > /last.txt', 'CMD ["cat", "/last.txt"]', ''].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'stages-last:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).not.toMatch(/unread-stage-ran/);
    expect((await fixture.run('stages-last:1')).log).toBe('last\n');
  });

  test('independent stages run side by side: each one\'s RUN meets the other\'s through a shared cache mount', async () => {
    const id = `rendezvous-${randomBytes(4).toString('hex')}`;
    // Each RUN marks its arrival and waits (at most 20 s) for the other's mark: built one after
    // the other, the first would give up and fail the build.
    const meet = (self: string, other: string) =>
      `RUN --mount=type=cache,id=${id},target=/sync touch /sync/${self} && i=0 && while [ ! -e /sync/${other} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done && [ -e /sync/${other} ] && echo ${self} > /met`;
    const base = await fixture.base();
    const directory = fixture.project({
      Dockerfile: [`FROM ${base} AS one`, meet('one', 'two'), `FROM ${base} AS two`, meet('two', 'one'), `FROM ${base}`, 'COPY --from=one /met /one', 'COPY --from=two /met /two', ''].join('\n'),
    });
    const built = await fixture.build(directory, '-t', 'stages-parallel:1');
    expect(built.exitCode, built.stderr + built.stdout).toBe(0);
    expect((await fixture.run('stages-parallel:1', ['cat', '/one', '/two'])).log).toBe('one\ntwo\n');
  });

  test('a --target no stage is named fails with Docker\'s words and the stages there are', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base} AS one\nRUN true\nFROM ${base} AS two\n` });
    const built = await fixture.build(directory, '--target', 'three', '-t', 'stages-missing:1');
    expect(built.exitCode).not.toBe(0);
    expect(built.stderr).toMatch(/failed to reach build target three in Dockerfile/);
    expect((await fixture.docker('image', 'inspect', 'stages-missing:1')).exitCode).not.toBe(0);
  });
});
