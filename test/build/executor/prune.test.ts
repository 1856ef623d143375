import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { cacheReport, useBuildServer } from './build-fixture.js';

describeAsRoot('docker builder prune (POST /build/prune)', () => {
  const fixture = useBuildServer();

  const prune = (...args: string[]) => fixture.server.docker(['builder', 'prune', '-f', ...args], { env: { DOCKER_BUILDKIT: '0' } });

  test('pruning forgets the layer cache: the next build runs every step, and the tagged image stays', async () => {
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN echo a > /a\nRUN echo b > /b\nCMD ["cat", "/a", "/b"]\n` });
    const first = await fixture.build(directory, '-t', 'prune-cache:1');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const cached = await fixture.build(directory, '-t', 'prune-cache:1');
    expect(cacheReport(cached.stdout).every((line) => line.endsWith(': cached'))).toBe(true);

    const pruned = await prune();
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect((await fixture.run('prune-cache:1')).log).toBe('a\nb\n');

    const after = await fixture.build(directory, '-t', 'prune-cache:2');
    expect(after.exitCode, after.stderr + after.stdout).toBe(0);
    expect(cacheReport(after.stdout)).toEqual(['RUN echo a > /a: built', 'RUN echo b > /b: built', 'CMD ["cat", "/a", "/b"]: built']);
  });

  test('the cache mounts outlive a plain prune and go with --all', async () => {
    const id = `prune-${randomBytes(4).toString('hex')}`;
    const base = await fixture.base();
    const directory = fixture.project({ Dockerfile: `FROM ${base}\nRUN --mount=type=cache,id=${id},target=/c echo run >> /c/runs && wc -l < /c/runs > /runs\n` });
    const runs = async (tag: string, ...args: string[]): Promise<string> => {
      const built = await fixture.build(directory, ...args, '-t', tag);
      expect(built.exitCode, built.stderr + built.stdout).toBe(0);
      return (await fixture.run(tag, ['cat', '/runs'])).log.trim();
    };
    expect(await runs('prune-mount:1')).toBe('1');
    expect((await prune()).exitCode).toBe(0);
    expect(await runs('prune-mount:2')).toBe('2');
    expect((await prune('--all')).exitCode).toBe(0);
    expect(await runs('prune-mount:3')).toBe('1');
  });
});
