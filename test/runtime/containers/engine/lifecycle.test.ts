import { describeAsRoot } from '../../../harness/root.js';
import { expect, it } from 'vitest';
import { eventually, logText, useEngine } from './engine-fixture.js';

describeAsRoot('the container engine runs containers through their lifecycle', () => {
  const fixture = useEngine();

  it('runs a command to its exit: the log has its output and the exit code is recorded', async () => {
    const engine = fixture.engine();
    const { Id, Warnings } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sh', '-c', 'echo hi; exit 3'] }, 'exits-three');
    expect(Warnings).toEqual([]);
    expect(engine.inspect('exits-three').State.Status).toBe('created');

    await engine.start(Id);
    expect(await engine.wait(Id)).toEqual({ StatusCode: 3, Error: null });
    expect(await logText(engine, Id)).toBe('hi\n');
    const { State, Name, Path, Args } = engine.inspect(Id);
    expect({ Name, Path, Args }).toEqual({ Name: '/exits-three', Path: 'sh', Args: ['-c', 'echo hi; exit 3'] });
    expect(State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 3, OOMKilled: false, Pid: 0 });
    expect(Date.parse(State.FinishedAt)).toBeGreaterThanOrEqual(Date.parse(State.StartedAt));
    expect(engine.list({ all: true })[0]).toMatchObject({ Id, Names: ['/exits-three'], State: 'exited', Status: expect.stringMatching(/^Exited \(3\) /) });
  });

  it("gives the process the image's environment with the container's over it, and the container's argv after the entrypoint", async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({
      Image: await fixture.image('busybox'),
      Entrypoint: ['sh', '-c'],
      Cmd: ['echo "$0|$GREETING|$PATH|$(hostname)|$(pwd)"', 'zero'],
      Env: ['GREETING=hello'],
      WorkingDir: '/tmp',
    });
    await engine.start(Id);
    expect(await engine.wait(Id)).toMatchObject({ StatusCode: 0 });
    expect(await logText(engine, Id)).toBe(`zero|hello|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|${Id.slice(0, 12)}|/tmp\n`);
    // Docker's order: the container's variables, then the image's it does not set.
    expect(engine.inspect(Id).Config.Env).toEqual(['GREETING=hello', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('stops a sleep running under init with the stop signal, within the grace period', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'], HostConfig: { Init: true } });
    await engine.start(Id);
    expect(await engine.stop(Id, 30)).toEqual({ changed: true });
    // tini passes SIGTERM on and exits as its child did: 128 + 15, not SIGKILL's 137.
    expect(engine.inspect(Id).State).toMatchObject({ Status: 'exited', ExitCode: 143 });
    expect(await engine.stop(Id)).toEqual({ changed: false });
  });

  it('kills a PID 1 that ignores SIGTERM once the timeout is over: exit code 137', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'] });
    await engine.start(Id);
    const stopped = engine.stop(Id, 1);
    // Still running during the grace period: PID 1 has no handler, so SIGTERM does nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.inspect(Id).State.Running).toBe(true);
    await stopped;
    expect(engine.inspect(Id).State).toMatchObject({ Status: 'exited', ExitCode: 137 });
  });

  it('restarts a failing container twice under on-failure:2, then leaves it exited', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sh', '-c', 'echo run; exit 1'], HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } } });
    const exits: number[] = [];
    const unsubscribe = engine.subscribe((event) => {
      if (event.id === Id && event.action === 'die') exits.push(event.exitCode ?? -1);
    });
    await engine.start(Id);
    expect(await engine.wait(Id, 'not-running')).toEqual({ StatusCode: 1, Error: null });
    unsubscribe();
    expect(exits).toEqual([1, 1, 1]);
    expect(engine.inspect(Id)).toMatchObject({ RestartCount: 2, State: { Status: 'exited', ExitCode: 1, Restarting: false } });
    expect(await logText(engine, Id)).toBe('run\nrun\nrun\n');
  });

  it('keeps a container stopped by its user stopped, whatever its restart policy', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'], HostConfig: { RestartPolicy: { Name: 'always' }, Init: true } });
    await engine.start(Id);
    await engine.stop(Id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.inspect(Id)).toMatchObject({ RestartCount: 0, State: { Status: 'exited' } });
  });

  it('pauses and unpauses, restarts, and answers top with the container\'s processes', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'] });
    await engine.start(Id);
    const top = await engine.top(Id);
    expect(top.Titles).toContain('CMD');
    expect(top.Processes.map((row) => row.at(-1))).toEqual(['sleep 1000']);
    await engine.pause(Id);
    expect(engine.inspect(Id).State.Status).toBe('paused');
    await engine.unpause(Id);
    expect(engine.inspect(Id).State.Status).toBe('running');
    const firstPid = engine.inspect(Id).State.Pid;
    await engine.restart(Id, 0);
    const { State } = engine.inspect(Id);
    expect(State.Status).toBe('running');
    expect(State.Pid).not.toBe(firstPid);
  });

  it('removes a paused container with force', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sleep', '1000'] });
    await engine.start(Id);
    await engine.pause(Id);
    await engine.remove(Id, { force: true });
    expect(() => engine.inspect(Id)).toThrow(`No such container: ${Id}`);
  });

  it('waits for removal, and removes an AutoRemove container once it exits', async () => {
    const engine = fixture.engine();
    const { Id } = await engine.create({ Image: await fixture.image('busybox'), Cmd: ['sh', '-c', 'exit 4'], HostConfig: { AutoRemove: true } });
    const removed = engine.wait(Id, 'removed');
    await engine.start(Id);
    expect(await removed).toEqual({ StatusCode: 4, Error: null });
    await eventually(() => engine.list({ all: true }).length === 0, 'the removal');
  });
});
