import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeAsRoot } from '../harness/root.js';
import { layerMembers } from '../runtime/containers/commit/layer-members.js';
import { useDockerCli } from './docker-cli-fixture.js';

/** `docker commit` from the machine's docker CLI on berth's daemon, and what the image then holds. */
describeAsRoot('docker commit with the docker CLI on berth daemon', () => {
  const { docker, engine, removeAfterTest } = useDockerCli();

  async function ran(name: string, script: string): Promise<void> {
    removeAfterTest('container', name);
    expect(await docker(['run', '--name', name, 'busybox', 'sh', '-c', script])).toMatchObject({ exitCode: 0 });
  }

  it('commits a container with a change and a message that inspect and history show', async () => {
    await ran('commit-cli', 'echo hello > /hello.txt && rm /bin/vi');
    removeAfterTest('image', 'commit/cli:1');

    const committed = await docker(['commit', '-c', 'CMD ["echo","hi"]', '-m', 'made by the CLI', '-a', 'CLI Tests', 'commit-cli', 'commit/cli:1']);

    expect(committed).toMatchObject({ stderr: '', exitCode: 0 });
    expect(committed.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await docker(['inspect', '--format', '{{.Id}} {{json .Config.Cmd}} {{.Author}}|{{.Comment}}', 'commit/cli:1'])).stdout).toBe(`${committed.stdout.trim()} ["echo","hi"] CLI Tests|made by the CLI\n`);
    const history = (await docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Comment}}', 'commit/cli:1'])).stdout.split('\n');
    expect(history[0]).toBe('sh -c echo hello > /hello.txt && rm /bin/vi|made by the CLI');
    const run = await docker(['run', '--rm', 'commit/cli:1']);
    expect(run).toMatchObject({ stdout: 'hi\n', exitCode: 0 });
    const look = await docker(['run', '--rm', 'commit/cli:1', 'sh', '-c', 'cat /hello.txt; test -e /bin/vi || echo vi gone']);
    expect(look.stdout).toBe('hello\nvi gone\n');
  });

  it('saves the committed layer with its whiteout and without the /etc files the engine mounted', async () => {
    await ran('commit-save', 'rm /bin/vi && echo x > /x');
    removeAfterTest('image', 'commit/save:1');
    await docker(['commit', 'commit-save', 'commit/save:1']);

    const file = join(engine().directory, 'commit-save.tar');
    expect(await docker(['save', '-o', file, 'commit/save:1'])).toMatchObject({ exitCode: 0 });
    const archive = await layerMembers(createReadStream(file));
    const manifest = JSON.parse(archive.find((member) => member.path === 'manifest.json')!.body.toString()) as Array<{ Layers: string[] }>;
    const top = archive.find((member) => member.path === manifest[0]!.Layers.at(-1))!;
    const members = await layerMembers(Readable.from([top.body]));
    expect(members.map((member) => member.path)).toEqual(['bin/', 'bin/.wh.vi', 'x']);
  });

  it('commits a running container, pausing it meanwhile', async () => {
    removeAfterTest('container', 'commit-running');
    removeAfterTest('image', 'commit/running:1');
    await docker(['run', '-d', '--name', 'commit-running', 'busybox', 'sh', '-c', 'echo live > /live && sleep 300']);

    expect(await docker(['commit', 'commit-running', 'commit/running:1'])).toMatchObject({ exitCode: 0 });

    expect((await docker(['inspect', '--format', '{{.State.Status}}', 'commit-running'])).stdout).toBe('running\n');
    expect((await docker(['run', '--rm', 'commit/running:1', 'cat', '/live'])).stdout).toBe('live\n');
  });

  it('fails as dockerd does for a missing container and a change it does not take', async () => {
    expect(await docker(['commit', 'no-such-container'])).toEqual({ stdout: '', stderr: 'Error response from daemon: No such container: no-such-container\n', exitCode: 1 });
    await ran('commit-bad', 'true');
    expect(await docker(['commit', '-c', 'RUN true', 'commit-bad'])).toEqual({ stdout: '', stderr: 'Error response from daemon: run is not a valid change command\n', exitCode: 1 });
  });
});
