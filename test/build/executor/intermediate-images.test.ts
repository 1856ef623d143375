import { expect, test } from 'vitest';
import { describeAsRoot } from '../../harness/root.js';
import { useApiServer } from '../../api/server/api-server-fixture.js';
import { tempProject } from '../../helpers/temp-project.js';

describeAsRoot('the images a build leaves', () => {
  const server = useApiServer();

  async function built(tag: string, marker: string): Promise<void> {
    const directory = tempProject({ Dockerfile: `FROM ${await server.engine.image('busybox')}\nENV MARKER=${marker}\nRUN echo ${marker} > /marker\nLABEL marker=${marker}\n` });
    const result = await server.docker(['build', '-t', tag, directory], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 });
    expect(result.exitCode, result.stderr).toBe(0);
  }

  async function imageIds(...args: string[]): Promise<string[]> {
    const listed = await server.docker(['images', '-q', '--no-trunc', ...args]);
    expect(listed.exitCode, listed.stderr).toBe(0);
    return listed.stdout.split('\n').filter((line) => line !== '');
  }

  test('`images` hides the intermediate steps, `images -a` shows them with their parent', async () => {
    await built('steps:1', 'one');
    const shown = await imageIds();
    const all = await imageIds('-a');
    expect(all.length - shown.length).toBeGreaterThanOrEqual(2);
    const inspected = JSON.parse((await server.docker(['image', 'inspect', 'steps:1', '--format', '{{json .}}'])).stdout) as { Id: string };
    const listed = await server.docker(['images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}']);
    expect(listed.stdout).toContain(`${inspected.Id} steps`);
    // Each step's entry names the image it made, as Docker's history of a local build does.
    const history = await server.docker(['history', '-q', '--no-trunc', 'steps:1']);
    const ids = history.stdout.split('\n').filter((line) => line !== '');
    expect(ids.slice(0, 4).every((id) => all.includes(id))).toBe(true);
    expect(ids[0]).toBe(inspected.Id);
  });

  test('`image prune` keeps the steps of a tagged image; `rmi` takes them with it', async () => {
    await built('steps:2', 'two');
    const before = await imageIds('-a');
    const pruned = await server.docker(['image', 'prune', '-f']);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(await imageIds('-a')).toEqual(before);
    const removed = await server.docker(['rmi', 'steps:2']);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout.match(/^Deleted: sha256:/gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect((await imageIds('-a')).length).toBeLessThan(before.length - 2);
    expect((await imageIds('--filter', 'dangling=true'))).toEqual([]);
  });
});
