import { chmodSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('the layer cache across rebuilds', () => {
  const fixture = useBuildServer();

  /** A Dockerfile of RUN and COPY steps; `stage` makes it the test's own, so no other test has cached it. */
  async function layered(stage: string): Promise<string> {
    const base = await fixture.base();
    return fixture.project({
      Dockerfile: [
        `FROM ${base}`,
        `ENV STAGE=${stage}`,
        'WORKDIR /app',
        'RUN echo early > /early.txt',
        'COPY a.txt ./',
        'RUN cat a.txt > /seen-a.txt',
        'COPY b.txt ./',
        'RUN cat a.txt b.txt > /seen-ab.txt',
        'CMD ["cat", "/seen-ab.txt"]',
        '',
      ].join('\n'),
      'a.txt': 'a1\n',
      'b.txt': 'b1\n',
    });
  }

  test('a rebuild with nothing changed takes every step from the cache and gives the same image', async () => {
    const directory = await layered('cache-same');
    const first = await fixture.build(directory, '-t', 'cache-same:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(cacheReport(first.stdout).filter((line) => line.endsWith('cached'))).toEqual([]);

    const second = await fixture.build(directory, '-t', 'cache-same:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout)).toEqual([
      'ENV STAGE=cache-same: cached',
      'WORKDIR /app: cached',
      'RUN echo early > /early.txt: cached',
      'COPY a.txt ./: cached',
      'RUN cat a.txt > /seen-a.txt: cached',
      'COPY b.txt ./: cached',
      'RUN cat a.txt b.txt > /seen-ab.txt: cached',
      'CMD ["cat", "/seen-ab.txt"]: cached',
    ]);
    expect(second.stdout).not.toMatch(/Running in/);
    expect((await fixture.inspect('cache-same:2')).Id).toBe((await fixture.inspect('cache-same:1')).Id);
  });

  test('editing the second copied file rebuilds from the COPY that sees it; the steps before stay cached', async () => {
    const directory = await layered('cache-edit-b');
    const first = await fixture.build(directory, '-t', 'cache-edit-b:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    writeFileSync(join(directory, 'b.txt'), 'b2\n');

    const second = await fixture.build(directory, '-t', 'cache-edit-b:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout)).toEqual([
      'ENV STAGE=cache-edit-b: cached',
      'WORKDIR /app: cached',
      'RUN echo early > /early.txt: cached',
      'COPY a.txt ./: cached',
      'RUN cat a.txt > /seen-a.txt: cached',
      'COPY b.txt ./: built',
      'RUN cat a.txt b.txt > /seen-ab.txt: built',
      'CMD ["cat", "/seen-ab.txt"]: built',
    ]);
    expect((await fixture.run('cache-edit-b:2')).log).toBe('a1\nb2\n');
  });

  test('editing the first copied file rebuilds every step from its COPY on', async () => {
    const directory = await layered('cache-edit-a');
    const first = await fixture.build(directory, '-t', 'cache-edit-a:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    writeFileSync(join(directory, 'a.txt'), 'a2\n');

    const second = await fixture.build(directory, '-t', 'cache-edit-a:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout)).toEqual([
      'ENV STAGE=cache-edit-a: cached',
      'WORKDIR /app: cached',
      'RUN echo early > /early.txt: cached',
      'COPY a.txt ./: built',
      'RUN cat a.txt > /seen-a.txt: built',
      'COPY b.txt ./: built',
      'RUN cat a.txt b.txt > /seen-ab.txt: built',
      'CMD ["cat", "/seen-ab.txt"]: built',
    ]);
    expect((await fixture.run('cache-edit-a:2')).log).toBe('a2\nb1\n');
  });

  test('touching a copied file without changing its content keeps the cache', async () => {
    const directory = await layered('cache-touch');
    const first = await fixture.build(directory, '-t', 'cache-touch:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(directory, 'a.txt'), later, later);

    const second = await fixture.build(directory, '-t', 'cache-touch:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout).every((line) => line.endsWith(': cached')), second.stdout).toBe(true);
  });

  test('changing a file\'s mode rebuilds from the COPY that copies it', async () => {
    const directory = await layered('cache-mode');
    const first = await fixture.build(directory, '-t', 'cache-mode:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    chmodSync(join(directory, 'b.txt'), 0o755);

    const second = await fixture.build(directory, '-t', 'cache-mode:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout).slice(4)).toEqual(['RUN cat a.txt > /seen-a.txt: cached', 'COPY b.txt ./: built', 'RUN cat a.txt b.txt > /seen-ab.txt: built', 'CMD ["cat", "/seen-ab.txt"]: built']);
    expect((await fixture.run('cache-mode:2', ['stat', '-c', '%a', '/app/b.txt'])).log).toBe('755\n');
  });

  test('editing an instruction rebuilds from that instruction on', async () => {
    const directory = await layered('cache-instruction');
    const first = await fixture.build(directory, '-t', 'cache-instruction:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const dockerfile = join(directory, 'Dockerfile');
    writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace('RUN cat a.txt > /seen-a.txt', 'RUN cat a.txt a.txt > /seen-a.txt'));

    const second = await fixture.build(directory, '-t', 'cache-instruction:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout).slice(3)).toEqual([
      'COPY a.txt ./: cached',
      'RUN cat a.txt a.txt > /seen-a.txt: built',
      'COPY b.txt ./: built',
      'RUN cat a.txt b.txt > /seen-ab.txt: built',
      'CMD ["cat", "/seen-ab.txt"]: built',
    ]);
  });

  test('--no-cache runs every step again, though the cache holds them all', async () => {
    const directory = await layered('cache-none');
    const first = await fixture.build(directory, '-t', 'cache-none:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);

    const second = await fixture.build(directory, '--no-cache', '-t', 'cache-none:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).not.toMatch(/Using cache/);
    expect(second.stdout.match(/ ---> Running in /g)).toHaveLength(3);
    expect(cacheReport(second.stdout)).toHaveLength(8);
    expect((await fixture.run('cache-none:2')).log).toBe('a1\nb1\n');

    // What --no-cache built is recorded: the next plain build takes it from the cache.
    const third = await fixture.build(directory, '-t', 'cache-none:3');
    expect(third.exitCode, third.stderr + third.stdout).toBe(0);
    expect(cacheReport(third.stdout).every((line) => line.endsWith(': cached')), third.stdout).toBe(true);
    expect((await fixture.inspect('cache-none:3')).Id).toBe((await fixture.inspect('cache-none:2')).Id);
  });

  // Docker's classic builder commits an ARG step like any config step (dispatchArg ends in builder.commit).
  test('a rebuild with nothing changed reports an ARG step as cached too', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nARG FLAVOR=plain\nRUN echo "$FLAVOR" > /flavor\n` });
    const first = await fixture.build(directory, '-t', 'cache-arg:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const second = await fixture.build(directory, '-t', 'cache-arg:2');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(cacheReport(second.stdout)).toEqual(['ARG FLAVOR=plain: cached', 'RUN echo "$FLAVOR" > /flavor: cached']);
  });
});
