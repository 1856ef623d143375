import { describeAsRoot } from '../../../harness/root.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import type { ContainerCreateRequest } from '../../../../src/api/types/containers.js';
import { eventually, logText, useEngine, type EngineFixture } from './engine-fixture.js';

/** Creates and starts the container from another engine process, then kills that process with SIGKILL. */
async function startFromKilledEngine(fixture: EngineFixture, request: ContainerCreateRequest): Promise<string> {
  const options = fixture.options();
  fixture.engine().close();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'engine-child.fixture.ts'), options.stateDirectory, options.runDirectory, join(fixture.root, 'images'), options.cgroupParent!, JSON.stringify(request)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  child.kill('SIGKILL');
  await once(child, 'exit');
  return line.trim();
}

describeAsRoot('a new engine on the state of one that was killed', () => {
  const fixture = useEngine();

  it('re-adopts the running container and records its later exit', async () => {
    const image = await fixture.image('busybox');
    const script = 'echo started; while [ ! -e /tmp/go ]; do sleep 0.05; done; echo exiting; exit 6';
    const id = await startFromKilledEngine(fixture, { Image: image, Cmd: ['sh', '-c', script] });
    const engine = await fixture.reopen();
    expect(engine.inspect(id).State).toMatchObject({ Status: 'running', Running: true });
    const exit = engine.wait(id, 'next-exit');
    // The container goes on where it was; an exec through the new engine lets it finish.
    expect(await engine.exec(id, { Cmd: ['touch', '/tmp/go'] })).toMatchObject({ exitCode: 0 });
    expect(await exit).toEqual({ StatusCode: 6, Error: null });
    expect(engine.inspect(id).State).toMatchObject({ Status: 'exited', ExitCode: 6 });
    expect(await logText(engine, id)).toBe('started\nexiting\n');
  });

  it('records an exit that happened while no engine ran, and restarts an `always` container', async () => {
    const image = await fixture.image('busybox');
    const once = await startFromKilledEngine(fixture, { Image: image, Cmd: ['sh', '-c', 'exit 9'] });
    const id = await startFromKilledEngine(fixture, { Image: image, Cmd: ['sh', '-c', 'echo run; sleep 0.2; exit 2'], HostConfig: { RestartPolicy: { Name: 'always' }, Init: true } });
    // Both have exited by now: no engine watched them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const engine = await fixture.reopen();
    expect(engine.inspect(once).State).toMatchObject({ Status: 'exited', ExitCode: 9 });
    // The `always` container's exit is recorded and its policy restarts it.
    await eventually(() => engine.inspect(id).RestartCount >= 1 && engine.inspect(id).State.Status === 'running', 'the restart');
    await eventually(async () => (await logText(engine, id)).startsWith('run\nrun\n'), 'the second run');
    await engine.stop(id);
  });

  it('starts `always` containers again when it opens, and `unless-stopped` ones only when their user had not stopped them', async () => {
    const image = await fixture.image('busybox');
    const engine = fixture.engine();
    const always = await engine.create({ Image: image, Cmd: ['sleep', '1000'], HostConfig: { RestartPolicy: { Name: 'always' }, Init: true } });
    const unlessStopped = await engine.create({ Image: image, Cmd: ['sleep', '1000'], HostConfig: { RestartPolicy: { Name: 'unless-stopped' }, Init: true } });
    for (const { Id } of [always, unlessStopped]) {
      await engine.start(Id);
      await engine.stop(Id);
    }
    const reopened = await fixture.reopen();
    expect(reopened.inspect(always.Id).State.Status).toBe('running');
    expect(reopened.inspect(unlessStopped.Id).State.Status).toBe('exited');
    await reopened.stop(always.Id);
  });
});
